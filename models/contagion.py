"""The contagion guard's rows: admins' settings, the clusters found, and the slow modes they started.

A cluster row lives while its posts are recent (``active``) and is kept once the
window has passed (``ended``), so admins can see what happened and what was undone.
Every automatic action the guard takes is a row here (a slow mode, a post it held)
so that ending the cluster can undo exactly those actions and nothing else.
"""
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import JSON, Float, ForeignKey, String, and_, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship, selectinload

from models.base import UtcDateTime, db, isoformat, utcnow
from models.board import Board
from models.post import Post
from models.thread import Thread

DEFAULT_WINDOW_HOURS = 24
DEFAULT_MIN_POSTS = 3
DEFAULT_SIMILARITY = 0.55
DEFAULT_SLOW_MODE_MINUTES = 10


class ClusterStatus(str, Enum):
    ACTIVE = "active"
    ENDED = "ended"


class ContagionSettings(db.Model):
    """The one row of admins' choices; slowing and holding start switched off, alerts on."""

    __tablename__ = "contagion_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=True)
    window_hours: Mapped[int] = mapped_column(default=DEFAULT_WINDOW_HOURS)
    min_posts: Mapped[int] = mapped_column(default=DEFAULT_MIN_POSTS)
    similarity: Mapped[float] = mapped_column(Float, default=DEFAULT_SIMILARITY)
    slow_mode: Mapped[bool] = mapped_column(default=False)
    slow_mode_minutes: Mapped[int] = mapped_column(default=DEFAULT_SLOW_MODE_MINUTES)
    hold_joining: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    EDITABLE = ("enabled", "window_hours", "min_posts", "similarity", "slow_mode", "slow_mode_minutes", "hold_joining")

    @classmethod
    def current(cls) -> "ContagionSettings":
        """The settings row to change, made with the defaults the first time (the caller commits)."""
        settings = db.session.get(cls, 1)
        if settings is None:
            settings = cls._defaults()
            db.session.add(settings)
        return settings

    @classmethod
    def effective(cls) -> "ContagionSettings":
        """The settings in force, to read: the row, or the defaults (not added) until an admin saves some, so
        screening transactions never race to create the row."""
        return db.session.get(cls, 1) or cls._defaults()

    @classmethod
    def _defaults(cls) -> "ContagionSettings":
        return cls(id=1, enabled=True, window_hours=DEFAULT_WINDOW_HOURS, min_posts=DEFAULT_MIN_POSTS,
                   similarity=DEFAULT_SIMILARITY, slow_mode=False, slow_mode_minutes=DEFAULT_SLOW_MODE_MINUTES,
                   hold_joining=False)

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.EDITABLE}


class Cluster(db.Model):
    __tablename__ = "contagion_clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=ClusterStatus.ACTIVE.value, index=True)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_at: Mapped[datetime] = mapped_column(UtcDateTime)
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    queue_item_id: Mapped[int | None] = mapped_column(ForeignKey("queue_items.id", ondelete="SET NULL"))

    members: Mapped[list["ClusterPost"]] = relationship(
        back_populates="cluster", order_by="ClusterPost.post_id", cascade="all, delete-orphan"
    )
    slow_modes: Mapped[list["SlowMode"]] = relationship(
        back_populates="cluster", order_by="SlowMode.id", cascade="all, delete-orphan"
    )

    @classmethod
    def active(cls) -> list["Cluster"]:
        statement = (select(cls).where(cls.status == ClusterStatus.ACTIVE.value)
                     .options(selectinload(cls.members), selectinload(cls.slow_modes)).order_by(cls.id))
        return list(db.session.scalars(statement))

    @classmethod
    def newest_first(cls, limit: int = 50) -> list["Cluster"]:
        return list(db.session.scalars(select(cls).order_by(cls.id.desc()).limit(limit)))

    @property
    def post_ids(self) -> frozenset[int]:
        return frozenset(member.post_id for member in self.members)

    @property
    def is_active(self) -> bool:
        return self.status == ClusterStatus.ACTIVE.value

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "categories": list(self.categories),
            "posts": [member.to_dict() for member in self.members],
            "slow_modes": [slow.to_dict() for slow in self.slow_modes],
            "queue_item_id": self.queue_item_id,
            "started_at": isoformat(self.started_at),
            "last_at": isoformat(self.last_at),
            "detected_at": isoformat(self.detected_at),
            "ended_at": isoformat(self.ended_at),
        }


class ClusterPost(db.Model):
    """A post in a cluster; ``held`` when the guard itself held it, so the end of the cluster releases it."""

    __tablename__ = "contagion_cluster_posts"

    cluster_id: Mapped[int] = mapped_column(ForeignKey("contagion_clusters.id", ondelete="CASCADE"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True, index=True)
    joined_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    held: Mapped[bool] = mapped_column(default=False)

    cluster: Mapped[Cluster] = relationship(back_populates="members")
    post: Mapped[Post] = relationship()

    def to_dict(self) -> dict:
        post = self.post
        return {"post_id": self.post_id, "thread_id": post.thread_id, "thread_title": post.thread.title,
                "board": post.thread.board.slug, "author": post.author.handle, "status": post.status,
                "held_by_guard": self.held, "created_at": isoformat(post.created_at)}


class SlowMode(db.Model):
    """One post per member per ``minutes`` in a thread or a whole board, while ``ended_at`` is empty."""

    __tablename__ = "slow_modes"

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(ForeignKey("contagion_clusters.id", ondelete="CASCADE"), index=True)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    board_id: Mapped[int | None] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    minutes: Mapped[int] = mapped_column()
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_reason: Mapped[str] = mapped_column(String(32), default="")

    cluster: Mapped[Cluster] = relationship(back_populates="slow_modes")
    thread: Mapped[Thread | None] = relationship()
    board: Mapped[Board | None] = relationship()

    @classmethod
    def covering(cls, thread: Thread | None, board: Board) -> list["SlowMode"]:
        """Live slow modes over a post in ``thread`` (None: a new thread) on ``board``."""
        place = cls.board_id == board.id
        if thread is not None:
            place = or_(place, cls.thread_id == thread.id)
        return list(db.session.scalars(select(cls).where(cls.ended_at.is_(None), place)))

    @property
    def target(self) -> str:
        return f"thread {self.thread_id}" if self.thread_id else f"board {self.board.slug}"

    def to_dict(self) -> dict:
        return {"id": self.id, "cluster_id": self.cluster_id, "thread_id": self.thread_id,
                "board": self.board.slug if self.board else None, "minutes": self.minutes,
                "started_at": isoformat(self.started_at), "ended_at": isoformat(self.ended_at),
                "end_reason": self.end_reason or None}


def last_post_in(author_id: int, slow_mode: SlowMode) -> datetime | None:
    """When the member last posted where this slow mode applies (drafts held or pending count too)."""
    where = Post.thread_id == slow_mode.thread_id if slow_mode.thread_id else and_(
        Thread.board_id == slow_mode.board_id, Post.thread_id == Thread.id)
    statement = select(Post.created_at).where(Post.author_id == author_id, where).order_by(Post.created_at.desc())
    return db.session.scalar(statement.limit(1))


def recent_window(since: datetime) -> list:
    """The newest screening of each post written since ``since``, with what the guard needs beside it."""
    from models.screening import ScreeningRecord  # models.screening imports the queue, which this must not

    newest = select(db.func.max(ScreeningRecord.id)).join(Post, Post.id == ScreeningRecord.post_id).where(
        Post.created_at >= since).group_by(ScreeningRecord.post_id)
    statement = (
        select(ScreeningRecord.post_id, ScreeningRecord.scores, ScreeningRecord.findings, ScreeningRecord.embedding,
               Post.thread_id, Post.author_id, Post.created_at, Post.is_opening, Post.status, Board.slug.label("board"))
        .join(Post, Post.id == ScreeningRecord.post_id)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Board, Board.id == Thread.board_id)
        .where(ScreeningRecord.id.in_(newest))
        .order_by(Post.created_at, Post.id)
    )
    return list(db.session.execute(statement))


def window_start(hours: int, now: datetime | None = None) -> datetime:
    return (now or utcnow()) - timedelta(hours=hours)
