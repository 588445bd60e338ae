"""The one way text enters the forum: new threads, replies and edits.

Every submission is accepted durably first (raw text and a revision, status
``pending``, one transaction), then screened by the engine; the verdict, the
post's new state and any queue item are stored together in a second
transaction. Nothing reaches other members without passing the engine.
"""
from dataclasses import replace

from forum.rendering import render_markdown
from forum.services import InvalidInput, NotAllowed, escalation, queue, screening
from moderation.taxonomy import AUTHOR_NOTE_CATEGORIES, CATEGORIES, Action
from moderation.verdict import ReviewContext
from models import (
    BODY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Board,
    Post,
    PostStatus,
    QueueItem,
    ScreeningRecord,
    Thread,
    User,
    db,
)
from models.base import utcnow

STATUS_FOR_ACTION = {
    Action.PUBLISH: PostStatus.PUBLISHED,
    Action.WARN: PostStatus.PUBLISHED,
    Action.EDIT: PostStatus.NEEDS_EDIT,
    Action.HOLD: PostStatus.HELD,
    Action.CRISIS: PostStatus.HELD,
}


# The content notes authors may choose: those the guidelines allow behind a note (readers filter by them).
AUTHOR_NOTE_CHOICES = AUTHOR_NOTE_CATEGORIES


def create_thread(
    board: Board, author: User, title: str, body: str, content_notes: list[str] | None = None,
    *, established: bool = False,
) -> tuple[Thread, Post]:
    """``established`` authors (the operator's demo community) skip new-member holds; their words are
    screened like anyone's."""
    title = (title or "").strip()
    _check_text(body, title=title, content_notes=content_notes)
    thread = Thread(board=board, author=author, title=title)
    post = Post(thread=thread, author=author, is_opening=True, author_notes=list(content_notes or []))
    return thread, _accept_and_screen(post, author, body, established=established)


def create_reply(
    thread: Thread, author: User, body: str, content_notes: list[str] | None = None, *, established: bool = False
) -> Post:
    _check_text(body, content_notes=content_notes)
    post = Post(thread=thread, author=author, author_notes=list(content_notes or []))
    return _accept_and_screen(post, author, body, established=established)


def edit_post(post: Post, editor: User, body: str, content_notes: list[str] | None = None) -> Post:
    """Authors edit their own posts; the edit is screened like new text.

    ``content_notes`` replaces the author's own notes; None keeps the ones they chose before.
    """
    if editor.id != post.author_id:
        raise NotAllowed("only the author can edit this post")
    _check_text(body, content_notes=content_notes)
    if content_notes is not None:
        post.author_notes = list(content_notes)
    return _accept_and_screen(post, editor, body)


def _check_text(body: str, title: str | None = None, content_notes: list[str] | None = None) -> None:
    fields = {}
    if content_notes is not None and not (
        isinstance(content_notes, list) and all(note in AUTHOR_NOTE_CHOICES for note in content_notes)
    ):
        fields["content_notes"] = "Choose content notes from the list."
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


def _accept_and_screen(post: Post, writer: User, body: str, *, established: bool = False) -> Post:
    """Store the text as pending in one transaction, so nothing is lost, then screen it."""
    post.record_revision(body, editor=writer)
    post.body_html = render_markdown(body)
    post.status = PostStatus.PENDING.value
    db.session.add(post)
    db.session.commit()
    item = _screen_and_apply(post, _context(post, established=established))
    db.session.commit()
    if item is not None and post.is_crisis:
        escalation.alert_crisis(item)
    return post


def rescreen_published(post: Post) -> QueueItem | None:
    """Screen a published post again under the active rule set, after an admin changed it.

    The author was admitted long ago, so rules about new members stay silent
    (``author_published_posts=None``); anything the text now needs a person for
    is held and queued, exactly as if it had just been posted.
    """
    item = _screen_and_apply(post, _context(post, established=True))
    db.session.commit()
    return item


def _context(post: Post, *, established: bool) -> ReviewContext:
    """What the engine may know; for an established author rules about new members stay silent."""
    context = screening.context_for(post.author, post.thread.board, is_reply=not post.is_opening)
    return replace(context, author_published_posts=None) if established else context


def _screen_and_apply(post: Post, context: ReviewContext) -> QueueItem | None:
    """Screen the current text and apply the verdict; returns the queue item it joined, if any.

    A post that screening already holds stays held whatever its edit says: only
    a person lifts a hold, and the new screening joins the item's reasons.
    """
    verdict, latency_ms = screening.screen_text(post.body_markdown, context)
    record = ScreeningRecord.from_verdict(verdict.to_dict(), revision=post.revisions[-1], latency_ms=latency_ms)
    post.screenings.append(record)
    post.warnings = [c for c in CATEGORIES if c in set(post.author_notes) | set(verdict.warnings)]
    post.signposts = list(verdict.signposts)
    held_already = queue.is_held_for_moderator(post)
    post.status = (PostStatus.HELD if held_already else STATUS_FOR_ACTION[Action(verdict.action)]).value
    if post.status == PostStatus.HELD:
        return queue.enqueue_screening(post, record, crisis=verdict.action == Action.CRISIS)
    if post.is_published:
        post.thread.last_activity_at = utcnow()
    return None
