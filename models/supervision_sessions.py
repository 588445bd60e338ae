"""Supervision sessions a supervisor schedules with a moderator, and the reminder sent before each."""
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User

AGENDA_MAX_LENGTH = 1000


class SupervisionSession(db.Model):
    __tablename__ = "supervision_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    minutes: Mapped[int] = mapped_column(default=45)
    agenda: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    moderator: Mapped[User] = relationship(foreign_keys=[moderator_id])
    supervisor: Mapped[User | None] = relationship(foreign_keys=[supervisor_id])

    @classmethod
    def upcoming(cls, moderator_ids: list[int], now: datetime | None = None) -> list["SupervisionSession"]:
        """Sessions not cancelled that have not ended, soonest first."""
        now = now or utcnow()
        statement = select(cls).where(cls.moderator_id.in_(moderator_ids), cls.cancelled_at.is_(None),
                                      cls.starts_at > now - timedelta(hours=3))
        return [s for s in db.session.scalars(statement.order_by(cls.starts_at)) if s.ends_at > now]

    @classmethod
    def needing_reminder(cls, now: datetime, before: timedelta) -> list["SupervisionSession"]:
        """Sessions starting within ``before`` that have not been reminded of (or cancelled)."""
        statement = select(cls).where(cls.cancelled_at.is_(None), cls.reminded_at.is_(None), cls.starts_at > now,
                                      cls.starts_at <= now + before)
        return list(db.session.scalars(statement.order_by(cls.starts_at)))

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    def to_dict(self) -> dict:
        return {"id": self.id, "moderator": self.moderator.handle,
                "supervisor": self.supervisor.handle if self.supervisor else None,
                "starts_at": isoformat(self.starts_at), "minutes": self.minutes, "agenda": self.agenda,
                "reminded_at": isoformat(self.reminded_at), "cancelled_at": isoformat(self.cancelled_at)}
