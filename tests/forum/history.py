"""A seeded history for coverage and response-time tests: shifts, queue items, decisions and threads at set times."""
from datetime import datetime, timezone

from models import (Board, DutyShift, ItemKind, ModerationDecision, Post, PostStatus, Priority, QueueItem, Thread,
                    User, db)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026 (UTC); 23 November is a Monday."""
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone.utc)


def shift(handle: str, start: datetime, end: datetime | None, *, expires: datetime | None = None) -> DutyShift:
    """A shift that ended at ``end``, or (``end`` None) one left to lapse at ``expires``."""
    row = DutyShift(moderator_id=User.find_by_handle(handle).id, started_at=start, last_seen_at=start,
                    expires_at=expires or end, ended_at=end, end_reason="off_duty" if end else None)
    db.session.add(row)
    db.session.commit()
    return row


def thread(author: str, created: datetime, *, status: PostStatus = PostStatus.PUBLISHED) -> Thread:
    member = User.find_by_handle(author)
    row = Thread(board_id=Board.find_by_slug("coping").id, author_id=member.id, title="A seeded thread",
                 created_at=created, last_activity_at=created)
    row.posts.append(Post(author_id=member.id, is_opening=True, body_markdown="Seeded words.", status=status.value,
                          created_at=created))
    db.session.add(row)
    db.session.commit()
    return row


def reply(row: Thread, author: str, created: datetime, *, status: PostStatus = PostStatus.PUBLISHED) -> Post:
    post = Post(thread_id=row.id, author_id=User.find_by_handle(author).id, body_markdown="A seeded reply.",
                status=status.value, created_at=created)
    db.session.add(post)
    db.session.commit()
    return post


def item(author: str, created: datetime, *, crisis: bool = False, decided: datetime | None = None,
         moderator: str | None = None, kind: ItemKind = ItemKind.SCREENING) -> QueueItem:
    """A held post's queue item arriving at ``created``, decided by ``moderator`` at ``decided`` if given."""
    post = thread(author, created, status=PostStatus.HELD).posts[0]
    row = QueueItem(post_id=post.id, kind=kind.value, priority=Priority.CRISIS if crisis else Priority.ROUTINE,
                    created_at=created, status="resolved" if decided else "open", resolved_at=decided)
    db.session.add(row)
    db.session.flush()
    if decided:
        db.session.add(ModerationDecision(item_id=row.id, post_id=post.id, moderator_id=User.find_by_handle(moderator).id,
                                          decision="approve", status_before="held", status_after="published",
                                          created_at=decided))
    db.session.commit()
    return row
