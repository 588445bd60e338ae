"""Duty shifts: when a moderator said they were on duty, and until when they still are.

A shift is open while it has no ``ended_at`` and its ``expires_at`` lies ahead;
activity pushes ``expires_at`` on, so a moderator who goes quiet drops off duty
by themselves without any job running. The rows are kept: exposure is counted
per shift, and coverage reads who was on duty at each hour.
"""
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import ForeignKey, String, func, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User

# A heartbeat writes at most this often, so busy pages do not rewrite the row on every request.
TOUCH_EVERY = timedelta(seconds=30)


class ShiftEnd(str, Enum):
    OFF_DUTY = "off_duty"
    TAP_OUT = "tap_out"
    EXPIRED = "expired"


class DutyShift(db.Model):
    __tablename__ = "duty_shifts"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(16))

    moderator: Mapped[User] = relationship()

    @classmethod
    def _open(cls, now: datetime):
        return (cls.ended_at.is_(None), cls.expires_at > now)

    @classmethod
    def current(cls, moderator: User) -> "DutyShift | None":
        statement = select(cls).where(cls.moderator_id == moderator.id, *cls._open(utcnow()))
        return db.session.scalar(statement.order_by(cls.id.desc()).limit(1))

    @classmethod
    def on_duty_now(cls) -> list["DutyShift"]:
        """Every open shift, longest-serving first."""
        return list(db.session.scalars(select(cls).where(*cls._open(utcnow())).order_by(cls.started_at)))

    @classmethod
    def on_duty_count(cls, *, besides: User | None = None) -> int:
        statement = select(func.count(func.distinct(cls.moderator_id))).where(*cls._open(utcnow()))
        if besides is not None:
            statement = statement.where(cls.moderator_id != besides.id)
        return db.session.scalar(statement)

    @classmethod
    def touch(cls, moderator: User, idle: timedelta) -> None:
        """Push an open shift's expiry on (one conditional UPDATE; the caller commits)."""
        now = utcnow()
        db.session.execute(
            update(cls)
            .where(cls.moderator_id == moderator.id, *cls._open(now), cls.last_seen_at < now - TOUCH_EVERY)
            .values(last_seen_at=now, expires_at=now + idle)
            .execution_options(synchronize_session=False)
        )

    @classmethod
    def close_lapsed(cls, moderator: User) -> None:
        """Give shifts that ran out their end, so history reads plainly."""
        now = utcnow()
        for shift in db.session.scalars(
            select(cls).where(cls.moderator_id == moderator.id, cls.ended_at.is_(None), cls.expires_at <= now)
        ):
            shift.ended_at, shift.end_reason = shift.expires_at, ShiftEnd.EXPIRED.value

    @classmethod
    def overlapping(cls, start: datetime, end: datetime) -> list["DutyShift"]:
        """Shifts that were running at some moment in [start, end), for coverage."""
        statement = select(cls).where(
            cls.started_at < end, or_(cls.ended_at >= start, cls.ended_at.is_(None) & (cls.expires_at >= start))
        )
        return list(db.session.scalars(statement))

    @property
    def effective_end(self) -> datetime:
        """When the shift stopped, or will stop if nothing happens: it ended, or it ran out."""
        return self.end_as_of(utcnow())

    def end_as_of(self, now: datetime) -> datetime:
        """``effective_end`` as it looked at ``now``: ended, ran out, or still running up to ``now``."""
        return self.ended_at or min(self.expires_at, now)

    def end(self, reason: ShiftEnd) -> None:
        self.ended_at, self.end_reason = utcnow(), reason.value

    def to_dict(self) -> dict:
        return {
            "moderator": self.moderator.handle,
            "since": isoformat(self.started_at),
            "last_seen_at": isoformat(self.last_seen_at),
            "expires_at": isoformat(self.expires_at),
        }
