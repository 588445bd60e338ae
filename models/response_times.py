"""How long members waited for a person: the queries behind response-time targets, insights and alerts.

Each target has a clock that starts when a member began waiting and stops when
a person answered:

- crisis and held: a queue item of that kind starts the clock; the first
  moderator decision on it stops it (escalating to admins counts: a person has
  acted), or the item closing without one (its author deleted the post);
- first reply: a member's first thread, once its opening post is up, starts
  the clock at the thread's creation; the first published reply by anyone
  else stops it.

A wait is *within* its target when a person answered in time, *missed* when
they answered late or has waited past the target unanswered, and *waiting*
while it is still inside the target.
"""
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import aliased

from models.base import db
from models.coverage import Target
from models.post import Post, PostStatus
from models.queue import ItemKind, ModerationDecision, Priority, QueueItem
from models.thread import Thread


@dataclass(frozen=True)
class Wait:
    """One member's wait for a person: what (queue item or thread id), since when, and until when (None: still)."""

    target: Target
    subject_id: int
    started_at: datetime
    answered_at: datetime | None

    def waited(self, now: datetime) -> timedelta:
        return (self.answered_at or now) - self.started_at


def waits(target: Target, since: datetime, until: datetime, *, open_only: bool = False) -> list[Wait]:
    """Waits of ``target`` that started in [since, until), oldest first; ``open_only``: those still waiting."""
    rows = _item_waits(target, since, until) if target != Target.FIRST_REPLY else _first_thread_waits(since, until)
    found = [Wait(target, subject_id, started, answered) for subject_id, started, answered in rows]
    return [wait for wait in found if wait.answered_at is None] if open_only else found


def _item_waits(target: Target, since: datetime, until: datetime):
    first_decision = (
        select(func.min(ModerationDecision.created_at))
        .where(ModerationDecision.item_id == QueueItem.id)
        .scalar_subquery()
    )
    kind = QueueItem.priority == Priority.CRISIS if target == Target.CRISIS else QueueItem.kind == ItemKind.SCREENING.value
    statement = (
        select(QueueItem.id, QueueItem.created_at, func.coalesce(first_decision, QueueItem.resolved_at))
        .where(kind, QueueItem.created_at >= since, QueueItem.created_at < until)
        .order_by(QueueItem.created_at, QueueItem.id)
    )
    return db.session.execute(statement).all()


def _first_thread_waits(since: datetime, until: datetime):
    earlier = aliased(Thread)
    published = PostStatus.PUBLISHED.value
    not_first = exists().where(
        earlier.author_id == Thread.author_id,
        (earlier.created_at < Thread.created_at) | and_(earlier.created_at == Thread.created_at, earlier.id < Thread.id),
    )
    opening_up = exists().where(Post.thread_id == Thread.id, Post.is_opening.is_(True), Post.status == published)
    first_reply = (
        select(func.min(Post.created_at))
        .where(Post.thread_id == Thread.id, Post.author_id != Thread.author_id, Post.status == published)
        .scalar_subquery()
    )
    statement = (
        select(Thread.id, Thread.created_at, first_reply)
        .where(~not_first, opening_up, Thread.created_at >= since, Thread.created_at < until)
        .order_by(Thread.created_at, Thread.id)
    )
    return db.session.execute(statement).all()


def summarise(found: list[Wait], limit: timedelta, now: datetime) -> dict:
    """Counts against the target, and the median and 90th percentile of answered waits, in minutes."""
    answered = sorted(wait.waited(now).total_seconds() / 60 for wait in found if wait.answered_at is not None)
    within = sum(1 for minutes in answered if minutes <= limit.total_seconds() / 60)
    open_waits = [wait for wait in found if wait.answered_at is None]
    overdue = sum(1 for wait in open_waits if wait.waited(now) > limit)
    return {
        "total": len(found),
        "answered": len(answered),
        "within": within,
        "missed": len(answered) - within + overdue,
        "waiting": len(open_waits) - overdue,
        "within_percent": round(100 * within / (len(answered) + overdue), 1) if answered or overdue else None,
        "median_minutes": round(statistics.median(answered), 1) if answered else None,
        "p90_minutes": round(answered[min(len(answered) - 1, int(0.9 * len(answered)))], 1) if answered else None,
    }
