"""Breaks: a member pausing the forum for themselves until a time they chose.

Expired breaks are simply ignored, so a break ends on time without any job
running; the row is replaced by the next break or removed when ended early.
"""
from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, utcnow
from models.user import User


class Break(db.Model):
    __tablename__ = "breaks"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)

    @classmethod
    def active_for(cls, member: User) -> "Break | None":
        """The member's break if it is running now; every boards page asks, so the sign-in loads it."""
        pause = member.pause
        return pause if pause is not None and pause.ends_at > utcnow() else None
