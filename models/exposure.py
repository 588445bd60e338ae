"""What a moderator chose to see: one row per queue item they revealed, per shift, with the item's categories.

Only a reveal counts (an item opened but left blurred is not exposure), and an
item revealed twice in one shift counts once. The categories are copied at the
moment of the reveal, so later changes to the item do not rewrite what the
moderator actually read. These rows are private to the moderator and their
supervisor: nothing here ranks or compares moderators.
"""
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, utcnow
from models.user import User


class ExposureView(db.Model):
    __tablename__ = "exposure_views"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    queue_item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id", ondelete="CASCADE"))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("duty_shifts.id", ondelete="SET NULL"), index=True)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    crisis: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    @classmethod
    def find(cls, moderator: User, item_id: int, shift_id: int | None, since: datetime) -> "ExposureView | None":
        statement = select(cls).where(cls.moderator_id == moderator.id, cls.queue_item_id == item_id,
                                      cls.created_at >= since)
        statement = statement.where(cls.shift_id.is_(None) if shift_id is None else cls.shift_id == shift_id)
        return db.session.scalar(statement.limit(1))

    @classmethod
    def since(cls, moderator: User, start: datetime) -> list["ExposureView"]:
        statement = select(cls).where(cls.moderator_id == moderator.id, cls.created_at >= start)
        return list(db.session.scalars(statement.order_by(cls.id)))


class ModeratorBreak(db.Model):
    """A break a moderator took mid-shift; their claims are kept for them until it ends."""

    __tablename__ = "moderator_breaks"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @classmethod
    def latest(cls, moderator: User) -> "ModeratorBreak | None":
        statement = select(cls).where(cls.moderator_id == moderator.id).order_by(cls.started_at.desc(), cls.id.desc())
        return db.session.scalar(statement.limit(1))

    @classmethod
    def running_among(cls, moderator_ids) -> set[int]:
        """Which of these moderators are on a break now."""
        now = utcnow()
        statement = select(cls.moderator_id).where(cls.moderator_id.in_(list(moderator_ids)), cls.ended_at.is_(None),
                                                   cls.ends_at > now, cls.started_at <= now)
        return set(db.session.scalars(statement))

    @property
    def finished_at(self) -> datetime:
        """When the break stopped: ended early, or ran its time."""
        return self.ended_at or self.ends_at

    @property
    def is_running(self) -> bool:
        return self.ended_at is None and self.ends_at > utcnow()


class CategoryOptOut(db.Model):
    """A category a moderator would rather not review (someone in recovery from an eating disorder, say)."""

    __tablename__ = "category_opt_outs"

    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(32), primary_key=True)

    @classmethod
    def of(cls, moderator: User) -> list[str]:
        return list(db.session.scalars(select(cls.category).where(cls.moderator_id == moderator.id)))

    @classmethod
    def by_moderator(cls, moderator_ids: list[int]) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {moderator_id: set() for moderator_id in moderator_ids}
        for row in db.session.scalars(select(cls).where(cls.moderator_id.in_(moderator_ids))):
            found[row.moderator_id].add(row.category)
        return found


DEFAULT_SOFT_LIMIT = 15
DEFAULT_HARD_LIMIT = 30
DEFAULT_BREAK_MINUTES = 10


class CareLimits(db.Model):
    """The one row of admin-set limits: heavy items before a break is suggested, and before crisis and
    graphic items stop being offered."""

    __tablename__ = "care_limits"

    id: Mapped[int] = mapped_column(primary_key=True)
    soft_limit: Mapped[int] = mapped_column(default=DEFAULT_SOFT_LIMIT)
    hard_limit: Mapped[int] = mapped_column(default=DEFAULT_HARD_LIMIT)
    break_minutes: Mapped[int] = mapped_column(default=DEFAULT_BREAK_MINUTES)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    @classmethod
    def current(cls) -> "CareLimits":
        """The settings row, or the defaults (not yet stored: reading never writes) until an admin sets them."""
        return db.session.get(cls, 1) or cls(id=1, soft_limit=DEFAULT_SOFT_LIMIT, hard_limit=DEFAULT_HARD_LIMIT,
                                             break_minutes=DEFAULT_BREAK_MINUTES)

    def to_dict(self) -> dict:
        return {"soft": self.soft_limit, "hard": self.hard_limit, "break_minutes": self.break_minutes}
