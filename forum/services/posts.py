"""The one way text enters the forum: new threads, replies and edits.

Every submission is accepted durably first (raw text and a revision, status
``pending``, one transaction), then handed to ``_screen_and_apply``. That hook
is the screening seam: today it publishes; the screening issue replaces its
body with a call to ``moderation.review`` and applies the verdict.
"""
from forum.rendering import render_markdown
from forum.services import InvalidInput, NotAllowed
from models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Board, Post, PostStatus, Thread, User, db
from models.base import utcnow


def create_thread(board: Board, author: User, title: str, body: str) -> tuple[Thread, Post]:
    title = (title or "").strip()
    _check_text(body, title=title)
    thread = Thread(board=board, author=author, title=title)
    post = Post(thread=thread, author=author, is_opening=True)
    return thread, _accept_and_screen(post, author, body)


def create_reply(thread: Thread, author: User, body: str) -> Post:
    _check_text(body)
    return _accept_and_screen(Post(thread=thread, author=author), author, body)


def edit_post(post: Post, editor: User, body: str) -> Post:
    """Authors edit their own posts; the edit is screened like new text."""
    if editor.id != post.author_id:
        raise NotAllowed("only the author can edit this post")
    _check_text(body)
    return _accept_and_screen(post, editor, body)


def _check_text(body: str, title: str | None = None) -> None:
    fields = {}
    if title is not None:
        if not title:
            fields["title"] = "Please give your thread a title."
        elif len(title) > TITLE_MAX_LENGTH:
            fields["title"] = f"Please keep the title under {TITLE_MAX_LENGTH} characters."
    if not (body or "").strip():
        fields["body"] = "Please write something before posting."
    elif len(body) > BODY_MAX_LENGTH:
        fields["body"] = f"Please keep posts under {BODY_MAX_LENGTH:,} characters."
    if fields:
        raise InvalidInput(fields)


def _accept_and_screen(post: Post, writer: User, body: str) -> Post:
    """Store the text as pending in one transaction, so nothing is lost, then screen it."""
    post.record_revision(body, editor=writer)
    post.body_html = render_markdown(body)
    post.status = PostStatus.PENDING.value
    db.session.add(post)
    db.session.commit()
    _screen_and_apply(post)
    db.session.commit()
    return post


def _screen_and_apply(post: Post) -> None:
    """The screening seam: decide what happens to accepted text. No screening yet."""
    _publish(post)


def _publish(post: Post) -> None:
    post.status = PostStatus.PUBLISHED.value
    post.thread.last_activity_at = utcnow()
