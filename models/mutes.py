"""Boards, threads and members a member has muted, so they leave that member's lists.

Muting is private: nothing tells the muted member. A moderator or admin cannot be
muted, and a mute of someone who later becomes one stops applying, so a note a
moderator writes always reaches every member.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, and_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from models.base import UtcDateTime, db, isoformat, utcnow
from models.board import Board
from models.thread import Thread
from models.user import Role, User

MODERATING_ROLES = (Role.MODERATOR.value, Role.ADMIN.value)


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


class MemberMute(db.Model):
    """One member muting another: the muted member's threads and replies leave the muter's lists and pages."""

    __tablename__ = "member_mutes"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    muted_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    muted: Mapped[User] = relationship(foreign_keys=[muted_id])

    def to_dict(self) -> dict:
        return {"handle": self.muted.handle, "muted_at": isoformat(self.created_at)}

    @classmethod
    def of(cls, member: User) -> list["MemberMute"]:
        return list(db.session.scalars(select(cls).where(cls.user_id == member.id).order_by(cls.created_at)))

    @classmethod
    def muted_ids(cls, member: User):
        return cls.muted_ids_of(member.id)

    @classmethod
    def muted_ids_of(cls, member_id):
        """The members ``member_id`` (an id, or a ``bindparam``) has muted who are not moderators now, as a
        subquery."""
        return (
            select(cls.muted_id)
            .join(User, User.id == cls.muted_id)
            .where(cls.user_id == member_id, User.role.not_in(MODERATING_ROLES))
        )

    @classmethod
    def not_muted_by(cls, member: User) -> ColumnElement[bool]:
        """A filter for thread lists that leaves out the threads of members ``member`` muted."""
        return Thread.author_id.not_in(cls.muted_ids(member))


def listed_for(member: User) -> ColumnElement[bool]:
    """The one filter every thread list applies for ``member``: no threads they muted, none by members they muted."""
    return and_(ThreadMute.not_muted_by(member), MemberMute.not_muted_by(member))
