"""Each member's reading preferences: how posts with each kind of content note are shown.

Only choices a member has made are stored; a missing row means the default,
so categories added later start safe for everyone.
"""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db
from models.user import User


class WarningPreference(db.Model):
    __tablename__ = "warning_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    choice: Mapped[str] = mapped_column(String(16))

    @classmethod
    def choices_for(cls, user: User) -> dict[str, str]:
        rows = db.session.scalars(select(cls).where(cls.user_id == user.id))
        return {row.category: row.choice for row in rows}

    @classmethod
    def set_choices(cls, user: User, choices: dict[str, str]) -> None:
        """Record ``choices`` (category to choice) for ``user``; the caller commits."""
        for category, choice in choices.items():
            row = db.session.get(cls, (user.id, category))
            if row is None:
                db.session.add(cls(user_id=user.id, category=category, choice=choice))
            else:
                row.choice = choice
