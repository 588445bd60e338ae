"""Boards and threads a member has muted, so they leave that member's lists."""
from datetime import datetime

from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from models.base import UtcDateTime, db, utcnow
from models.board import Board
from models.thread import Thread
from models.user import User


class BoardMute(db.Model):
    __tablename__ = "board_mutes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    board: Mapped[Board] = relationship()

    @classmethod
    def of(cls, member: User) -> list["BoardMute"]:
        return list(db.session.scalars(select(cls).where(cls.user_id == member.id).order_by(cls.created_at)))


class ThreadMute(db.Model):
    __tablename__ = "thread_mutes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    thread: Mapped[Thread] = relationship()

    @classmethod
    def of(cls, member: User) -> list["ThreadMute"]:
        return list(db.session.scalars(select(cls).where(cls.user_id == member.id).order_by(cls.created_at)))

    @classmethod
    def not_muted_by(cls, member: User) -> ColumnElement[bool]:
        """A filter for thread lists that leaves out the threads ``member`` muted."""
        return Thread.id.not_in(select(cls.thread_id).where(cls.user_id == member.id))
