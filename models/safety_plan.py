"""Personal safety plans: what a member writes down to help themselves through a hard moment.

A plan belongs to one member and is only ever looked up by its owner; no query
here takes another member's id, so no page or API route can show it to anyone
else, moderators and admins included.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User

PLAN_SECTIONS = ("warning_signs", "things_that_help", "people_and_places", "professionals", "safer_surroundings")
PLAN_SECTION_MAX_LENGTH = 5000


class SafetyPlan(db.Model):
    __tablename__ = "safety_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    warning_signs: Mapped[str] = mapped_column(Text, default="")
    things_that_help: Mapped[str] = mapped_column(Text, default="")
    people_and_places: Mapped[str] = mapped_column(Text, default="")
    professionals: Mapped[str] = mapped_column(Text, default="")
    safer_surroundings: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    @classmethod
    def of(cls, owner: User) -> "SafetyPlan | None":
        return db.session.scalar(select(cls).where(cls.user_id == owner.id))

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, section).strip() for section in PLAN_SECTIONS)

    def to_dict(self) -> dict:
        return {**{section: getattr(self, section) for section in PLAN_SECTIONS}, "updated_at": isoformat(self.updated_at)}
