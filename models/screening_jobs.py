"""Screening jobs: the durable promise that one revision of a post will get a verdict.

A job is written in the same transaction as the revision it screens, so a post
can never be accepted without one. Its state only moves by conditional UPDATEs
(the same pattern as ``QueueItem.claim``): two workers can both try to take or
finish a job, and the row count says which one won, so a revision gets exactly
one verdict however often its job runs.
"""
from datetime import datetime
from enum import Enum

from sqlalchemy import ForeignKey, String, Text, select, update
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from models.base import UtcDateTime, db, utcnow
from models.post import Post, PostRevision, PostStatus
from models.thread import Thread


class JobState(str, Enum):
    QUEUED = "queued"  # waiting for a worker (or for the sweep, if its dispatch was lost)
    RUNNING = "running"  # a worker has taken it; the sweep takes it back if that worker is gone
    DONE = "done"  # its verdict is stored; nothing moves it again


class ScreeningJob(db.Model):
    __tablename__ = "screening_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("post_revisions.id", ondelete="CASCADE"), unique=True)
    # The operator's demo community: rules about new members stay silent, the words are screened as usual.
    established: Mapped[bool] = mapped_column(default=False)
    state: Mapped[str] = mapped_column(String(16), default=JobState.QUEUED.value, index=True)
    # Tries so far: one on acceptance, one more each time the sweep hands it out after a worker failed on it.
    attempts: Mapped[int] = mapped_column(default=1)
    worker: Mapped[str] = mapped_column(String(120), default="")
    last_error: Mapped[str] = mapped_column(Text, default="")
    record_id: Mapped[int | None] = mapped_column(ForeignKey("screening_records.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # When it was last handed out (queued) or taken (running): the sweep measures staleness from here.
    touched_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    post: Mapped[Post] = relationship()
    revision: Mapped[PostRevision] = relationship()

    @classmethod
    def take(cls, job_id: int, worker: str) -> bool:
        """Take a queued job for ``worker``; False when another worker has it or it is done."""
        now = utcnow()
        result = db.session.execute(
            update(cls)
            .where(cls.id == job_id, cls.state == JobState.QUEUED.value)
            .values(state=JobState.RUNNING.value, worker=worker, touched_at=now)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    @classmethod
    def finish(cls, job_id: int) -> bool:
        """Mark the job done, in its verdict's own transaction; False if it already was.

        Run it before writing the verdict: on PostgreSQL a second finisher waits on the row lock and
        then matches nothing, on SQLite the write lock serialises them the same way.
        """
        result = db.session.execute(
            update(cls)
            .where(cls.id == job_id, cls.state != JobState.DONE.value)
            .values(state=JobState.DONE.value, finished_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    @classmethod
    def give_back(cls, job_id: int, error: str) -> None:
        """A worker failed part-way: queue the job again for the sweep, keeping why."""
        db.session.execute(
            update(cls)
            .where(cls.id == job_id, cls.state == JobState.RUNNING.value)
            .values(state=JobState.QUEUED.value, last_error=error[:2000])
            .execution_options(synchronize_session=False)
        )

    @classmethod
    def requeue(cls, job_id: int, seen_touched_at: datetime, *, failed: bool) -> bool:
        """Hand a stale job out again, unless someone touched it since the sweep looked; a ``failed`` one
        (its worker died or gave it back) as its next attempt."""
        result = db.session.execute(
            update(cls)
            .where(cls.id == job_id, cls.state != JobState.DONE.value, cls.touched_at == seen_touched_at)
            .values(state=JobState.QUEUED.value, attempts=cls.attempts + int(failed), touched_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    @classmethod
    def stale(cls, older_than: datetime, limit: int) -> list["ScreeningJob"]:
        """Unfinished jobs nobody has touched since ``older_than``: lost dispatches and dead workers."""
        statement = (
            select(cls)
            .where(cls.state != JobState.DONE.value, cls.touched_at < older_than)
            .order_by(cls.touched_at, cls.id)
            .limit(limit)
        )
        return list(db.session.scalars(statement))

    @classmethod
    def with_what_it_screens(cls, job_id: int) -> "ScreeningJob | None":
        """The job with its revision, post, author, thread and board: what screening reads, in one query."""
        post = joinedload(cls.post)
        statement = select(cls).where(cls.id == job_id).options(
            joinedload(cls.revision), post.joinedload(Post.author), post.joinedload(Post.thread).joinedload(Thread.board)
        )
        return db.session.scalar(statement)

    @classmethod
    def for_revision(cls, revision_id: int) -> "ScreeningJob | None":
        return db.session.scalar(select(cls).where(cls.revision_id == revision_id))

    @property
    def is_done(self) -> bool:
        return self.state == JobState.DONE.value


def pending_posts_without_live_job() -> list[Post]:
    """Posts that are pending although no unfinished job would ever screen them: the invariant says none.

    A pending post's newest revision must have a job that is queued or running; the sweep and
    the tests read this to prove nothing waits unseen.
    """
    newest_revision = (
        select(PostRevision.id).where(PostRevision.post_id == Post.id).order_by(PostRevision.id.desc()).limit(1)
        .correlate(Post).scalar_subquery()
    )
    live_job = select(ScreeningJob.id).where(
        ScreeningJob.revision_id == newest_revision, ScreeningJob.state != JobState.DONE.value
    )
    statement = select(Post).where(Post.status == PostStatus.PENDING.value, ~live_job.exists())
    return list(db.session.scalars(statement.order_by(Post.id)))
