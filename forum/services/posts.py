"""The one way text enters the forum: new threads, replies and edits.

Every submission is accepted durably first (raw text, a revision with status
``pending`` and its screening job, one transaction); a screening worker then
stores the verdict, the post's new state and any queue item together in a
second transaction (``forum.services.screening_jobs``). Nothing reaches other
members without passing the engine, and nothing accepted is forgotten.
"""
from flask import current_app
from sqlalchemy.exc import IntegrityError

from forum import workers
from forum.rendering import render_markdown
from forum.services import InvalidInput, NotAllowed, contagion, queue, screening_jobs, submissions, verdicts
from moderation.taxonomy import AUTHOR_NOTE_CATEGORIES
from models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Board, Post, PostStatus, QueueItem, Thread, User, db


# The content notes authors may choose: those the guidelines allow behind a note (readers filter by them).
AUTHOR_NOTE_CHOICES = AUTHOR_NOTE_CATEGORIES


def create_thread(
    board: Board, author: User, title: str, body: str, content_notes: list[str] | None = None,
    *, established: bool = False, submission_key: str | None = None,
) -> tuple[Thread, Post]:
    """``established`` authors (the operator's demo community) skip new-member holds; their words are
    screened like anyone's. A ``submission_key`` seen before raises ``AlreadySubmitted`` (every
    function here takes one)."""
    title = (title or "").strip()
    _check_text(body, title=title, content_notes=content_notes)
    contagion.check_slow_mode(author, None, board)
    once = submissions.once(author, submission_key, "thread", board.id, title, body, content_notes)
    thread = Thread(board=board, author=author, title=title)
    post = Post(thread=thread, author=author, is_opening=True, author_notes=list(content_notes or []))
    return thread, _accept_and_screen(post, author, body, once, established=established)


def create_reply(
    thread: Thread, author: User, body: str, content_notes: list[str] | None = None, *, established: bool = False,
    submission_key: str | None = None,
) -> Post:
    _check_text(body, content_notes=content_notes)
    contagion.check_slow_mode(author, thread, thread.board)
    once = submissions.once(author, submission_key, "reply", thread.id, body, content_notes)
    post = Post(thread=thread, author=author, author_notes=list(content_notes or []))
    return _accept_and_screen(post, author, body, once, established=established)


def edit_post(
    post: Post, editor: User, body: str, content_notes: list[str] | None = None, *, submission_key: str | None = None
) -> Post:
    """Authors edit their own posts; the edit is screened like new text (and withdraws an open appeal).

    ``content_notes`` replaces the author's own notes; None keeps the ones they chose before.
    """
    if editor.id != post.author_id:
        raise NotAllowed("only the author can edit this post")
    _check_text(body, content_notes=content_notes)
    once = submissions.once(editor, submission_key, "edit", post.id, body, content_notes)
    if content_notes is not None:
        post.author_notes = list(content_notes)
    queue.withdraw_appeal(post)
    return _accept_and_screen(post, editor, body, once)


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


def _accept_and_screen(
    post: Post, writer: User, body: str, once: submissions.OneTimeKey | None, *, established: bool = False
) -> Post:
    """Store the text, its revision and its screening job in one transaction, so nothing is lost or
    forgotten; then wait up to SCREENING_WAIT_S for the verdict. Past that the post stays pending
    (the author sees "being checked") and its page updates when the verdict lands."""
    revision = post.record_revision(body, editor=writer)
    post.body_html = render_markdown(body)
    post.status = PostStatus.PENDING.value
    db.session.add(post)
    job = screening_jobs.accept(post, revision, established=established)
    submissions.remember(writer, once, post)
    try:
        db.session.flush()
        job_id = job.id  # known once flushed; read after the commit, it would cost a query
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        submissions.after_conflict(writer, once)
        raise
    if workers.dispatch(job_id):  # not handed out (Redis down): the sweep will, so there is nothing to wait for
        screening_jobs.wait_for_verdict(job_id, current_app.config["SCREENING_WAIT_S"])
    return post


def rescreen_published(post: Post) -> QueueItem | None:
    """Screen a published post again under the active rule set, after an admin changed it.

    The author was admitted long ago, so rules about new members stay silent; anything the text
    now needs a person for is held and queued, exactly as if it had just been posted. The admin
    job running this is itself the durable record, so no screening job is written.
    """
    revision = post.revisions[-1]
    verdict, latency_ms = screening_jobs.screen_revision(post, revision, established=True)
    landed = verdicts.apply(post, revision, verdict, latency_ms)
    db.session.commit()
    verdicts.announce(landed)
    return landed.item
