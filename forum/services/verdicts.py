"""Turning the engine's verdict on one revision into the post's state, and telling people after.

``apply`` only changes rows in the caller's transaction; ``announce`` runs after
that transaction committed, so nobody is alerted about a verdict that was rolled back.
What it needs ``apply`` returns (``Landed``), read before the commit while the rows
are in hand: after it they are expired, and reading them again would cost queries.
"""
from dataclasses import dataclass

from forum import live
from forum.services import contagion, escalation, queue
from moderation.taxonomy import CATEGORIES, Action
from moderation.verdict import Verdict
from models import Post, PostRevision, PostStatus, QueueItem, ScreeningRecord, db
from models.base import utcnow

STATUS_FOR_ACTION = {
    Action.PUBLISH: PostStatus.PUBLISHED,
    Action.WARN: PostStatus.PUBLISHED,
    Action.EDIT: PostStatus.NEEDS_EDIT,
    Action.HOLD: PostStatus.HELD,
    Action.CRISIS: PostStatus.HELD,
}


@dataclass(frozen=True)
class Landed:
    """A verdict as the announcements after its commit need it, and the queue item screening put the post
    in, if any."""

    post_id: int
    author_id: int
    crisis: bool
    item: QueueItem | None

    @classmethod
    def of(cls, post: Post, item: QueueItem | None = None) -> "Landed":
        return cls(post.id, post.author_id, post.is_crisis, item)


def apply(post: Post, revision: PostRevision, verdict: Verdict, latency_ms: float) -> Landed:
    """Store the verdict as a screening record and, if ``revision`` is still the post's text, act on it.

    A verdict on text the author (or a moderator) has since replaced is kept as history only: the
    newer revision has its own job. A post that screening already holds stays held whatever its
    edit says: only a person lifts a hold, and the new screening joins the item's reasons.
    Then the contagion guard looks at the post beside the window's others (it may hold it too).
    Returns what ``announce`` needs after the caller commits.
    """
    record = ScreeningRecord.from_verdict(
        verdict.to_dict(), revision=revision, latency_ms=latency_ms, embedding=verdict.embedding
    )
    post.screenings.append(record)
    db.session.flush()
    if post.revisions[-1].id != revision.id:
        return Landed.of(post)
    post.warnings = [c for c in CATEGORIES if c in set(post.author_notes) | set(verdict.warnings)]
    post.signposts = list(verdict.signposts)
    held_already = queue.is_held_for_moderator(post)
    post.status = (PostStatus.HELD if held_already else STATUS_FOR_ACTION[Action(verdict.action)]).value
    item = None
    if post.status == PostStatus.HELD:
        item = queue.enqueue_screening(post, record, crisis=verdict.action == Action.CRISIS)
    elif post.is_published:
        post.thread.last_activity_at = utcnow()
    contagion.observe(post)
    return Landed.of(post, item)


def announce(landed: Landed) -> None:
    """After commit: the author's open pages hear the verdict, and a crisis with nobody online to hear the
    queue's live alert is escalated (the queue service announces the new item itself)."""
    live.tell_author(landed.post_id, landed.author_id, crisis=landed.crisis)
    if landed.item is not None and landed.crisis:
        escalation.alert_crisis(landed.item)
