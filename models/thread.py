"""Threads: a title and the conversation of posts under it."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, bindparam, exists, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

from models.base import UtcDateTime, built_once, db, isoformat, utcnow
from models.board import Board
from models.post import VIEWER_ID, Post, PostStatus, Viewing, viewer_params
from models.user import User

TITLE_MAX_LENGTH = 200


class Thread(db.Model):
    __tablename__ = "threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    board: Mapped[Board] = relationship()
    author: Mapped[User] = relationship()
    posts: Mapped[list[Post]] = relationship(
        back_populates="thread", order_by=Post.id, cascade="all, delete-orphan"
    )
    # Lists need only the opening post (for its content note), not the whole conversation.
    opening_post: Mapped[Post | None] = relationship(
        primaryjoin="and_(Thread.id == Post.thread_id, Post.is_opening.is_(True))", viewonly=True, uselist=False
    )

    @classmethod
    def visible_to(cls, viewer: User | None):
        return cls.visible_as(Viewing.of(viewer), viewer.id if viewer is not None else None)

    @classmethod
    def visible_as(cls, viewing: Viewing, viewer_id):
        """A thread is as visible as its opening post, so held openings stay private (``viewer_id`` as in
        ``Post.visible_as``)."""
        return exists().where(
            Post.thread_id == cls.id, Post.is_opening.is_(True), Post.visible_as(viewing, viewer_id)
        )

    @classmethod
    def in_board(cls, board: Board, viewer: User | None):
        """Threads of a board, most recently active first, ready to paginate."""
        return (
            select(cls)
            .where(cls.board_id == board.id, cls.visible_to(viewer))
            .options(selectinload(cls.author), selectinload(cls.board), selectinload(cls.opening_post))
            .order_by(cls.last_activity_at.desc(), cls.id.desc())
        )

    @classmethod
    def unanswered(cls, started_before: datetime):
        """Published threads older than ``started_before`` that nobody but their author has replied to, oldest first."""
        published = PostStatus.PUBLISHED.value
        opening_up = exists().where(Post.thread_id == cls.id, Post.is_opening.is_(True), Post.status == published)
        replied = exists().where(
            Post.thread_id == cls.id, Post.author_id != cls.author_id, Post.status == published
        )
        return (
            select(cls)
            .where(opening_up, ~replied, cls.created_at <= started_before)
            .options(selectinload(cls.author), selectinload(cls.board), selectinload(cls.opening_post))
            .order_by(cls.created_at, cls.id)
        )

    @classmethod
    def find_visible(cls, thread_id: int, viewer: User | None) -> "Thread | None":
        """The thread with its board and opening post (every page of it shows both), in one query."""
        return db.session.scalar(_visible_thread(Viewing.of(viewer)), viewer_params(viewer) | {"thread_id": thread_id})

    @property
    def opening_warnings(self) -> list[str]:
        """The opening post's content notes, which lists show as the thread's marker."""
        return list(self.opening_post.warnings) if self.opening_post else []

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "board": self.board.slug,
            "title": self.title,
            "warnings": self.opening_warnings,
            "author": self.author.handle,
            "created_at": isoformat(self.created_at),
            "last_activity_at": isoformat(self.last_activity_at),
        }


@built_once
def _visible_thread(viewing: Viewing):
    return (
        select(Thread)
        .where(Thread.id == bindparam("thread_id"), Thread.visible_as(viewing, VIEWER_ID))
        .options(joinedload(Thread.board), joinedload(Thread.opening_post))
    )
