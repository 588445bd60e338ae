"""Breaks: a member pausing the forum for themselves until a time they chose.

Expired breaks are simply ignored, so a break ends on time without any job
running; the row is replaced by the next break or removed when ended early.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, utcnow
from models.user import User


class Break(db.Model):
    __tablename__ = "breaks"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)

    @classmethod
    def active_for(cls, member: User) -> "Break | None":
        return db.session.scalar(select(cls).where(cls.user_id == member.id, cls.ends_at > utcnow()))
