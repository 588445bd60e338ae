"""Moderators' weekly wellbeing check-ins: three optional answers a week, read by them and their supervisor.

One row per moderator per week (weeks start on Monday, UTC); answering again
that week changes the row. Every answer may be left out.
"""
from datetime import date, datetime, timedelta

from sqlalchemy import Date, ForeignKey, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, isoformat, utcnow

SCALE = (1, 5)
NOTE_MAX_LENGTH = 1000


def week_of(moment: datetime) -> date:
    """The Monday (UTC) of the week ``moment`` falls in."""
    day = moment.date()
    return day - timedelta(days=day.weekday())


class WellbeingCheckIn(db.Model):
    __tablename__ = "wellbeing_check_ins"
    __table_args__ = (UniqueConstraint("moderator_id", "week_start", name="uq_wellbeing_check_ins_moderator_week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    week_start: Mapped[date] = mapped_column(Date)
    heaviness: Mapped[int | None]  # how heavy the week felt, 1 (light) to 5 (very heavy)
    energy: Mapped[int | None]  # sleep and energy, 1 (very low) to 5 (good)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    @classmethod
    def for_week(cls, moderator_id: int, week_start: date) -> "WellbeingCheckIn | None":
        return db.session.scalar(select(cls).where(cls.moderator_id == moderator_id, cls.week_start == week_start))

    @classmethod
    def since(cls, moderator_id: int, first_week: date) -> list["WellbeingCheckIn"]:
        statement = select(cls).where(cls.moderator_id == moderator_id, cls.week_start >= first_week)
        return list(db.session.scalars(statement.order_by(cls.week_start)))

    def to_dict(self) -> dict:
        return {"week_start": self.week_start.isoformat(), "heaviness": self.heaviness, "energy": self.energy,
                "note": self.note, "updated_at": isoformat(self.updated_at)}
