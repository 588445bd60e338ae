"""Response-time targets an admin sets, and the alerts sent when one is about to be missed.

Three promises to members: a crisis item is decided within minutes, any held
post within hours, and a new member's first thread gets a human reply within
hours. ``TargetAlert`` remembers which item or thread was already alerted, one
row per (target, subject) under a unique constraint, so several processes
running the sweep at once still send one alert.
"""
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, isoformat, utcnow

DEFAULT_CRISIS_MINUTES = 30
DEFAULT_HELD_HOURS = 12
DEFAULT_FIRST_REPLY_HOURS = 24
DEFAULT_WARN_PERCENT = 75


class Target(str, Enum):
    CRISIS = "crisis"  # a crisis item decided by a moderator
    HELD = "held"  # any held post decided by a moderator
    FIRST_REPLY = "first_reply"  # a new member's first thread answered by someone else


class AlertChannel(str, Enum):
    LIVE = "live"  # moderators were on duty: a live event on the queue
    OUTBOX = "outbox"  # nobody was on duty: a message through the escalation sender


class ResponseTargets(db.Model):
    __tablename__ = "response_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    crisis_minutes: Mapped[int] = mapped_column(default=DEFAULT_CRISIS_MINUTES)
    held_hours: Mapped[int] = mapped_column(default=DEFAULT_HELD_HOURS)
    first_reply_hours: Mapped[int] = mapped_column(default=DEFAULT_FIRST_REPLY_HOURS)
    # Alert once this share of a target's time has gone by without an answer.
    warn_percent: Mapped[int] = mapped_column(default=DEFAULT_WARN_PERCENT)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    @classmethod
    def current(cls) -> "ResponseTargets":
        """The one settings row, or the defaults (not stored) until an admin first sets targets."""
        return db.session.get(cls, 1) or cls(id=1, crisis_minutes=DEFAULT_CRISIS_MINUTES, held_hours=DEFAULT_HELD_HOURS,
                                             first_reply_hours=DEFAULT_FIRST_REPLY_HOURS,
                                             warn_percent=DEFAULT_WARN_PERCENT)

    @classmethod
    def for_update(cls) -> "ResponseTargets":
        """The settings row, added to the session so a change is stored (the caller commits)."""
        targets = cls.current()
        if targets not in db.session:
            db.session.add(targets)
        return targets

    def limit(self, target: Target) -> timedelta:
        """How long ``target`` allows."""
        return {
            Target.CRISIS: timedelta(minutes=self.crisis_minutes),
            Target.HELD: timedelta(hours=self.held_hours),
            Target.FIRST_REPLY: timedelta(hours=self.first_reply_hours),
        }[target]

    def warn_after(self, target: Target) -> timedelta:
        return self.limit(target) * self.warn_percent / 100

    def to_dict(self) -> dict:
        return {"crisis_minutes": self.crisis_minutes, "held_hours": self.held_hours,
                "first_reply_hours": self.first_reply_hours, "warn_percent": self.warn_percent}


class TargetAlert(db.Model):
    """One alert about one queue item (crisis, held) or thread (first reply), however many sweeps see it."""

    __tablename__ = "target_alerts"
    __table_args__ = (UniqueConstraint("target", "subject_id", name="uq_target_alerts_target_subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    @classmethod
    def alerted_among(cls, target: Target, subject_ids: list[int]) -> set[int]:
        if not subject_ids:
            return set()
        statement = select(cls.subject_id).where(cls.target == target.value, cls.subject_id.in_(subject_ids))
        return set(db.session.scalars(statement))

    @classmethod
    def newest_first(cls, limit: int = 50) -> list["TargetAlert"]:
        return list(db.session.scalars(select(cls).order_by(cls.id.desc()).limit(limit)))

    def to_dict(self) -> dict:
        return {"id": self.id, "target": self.target, "subject_id": self.subject_id, "due_at": isoformat(self.due_at),
                "channel": self.channel, "created_at": isoformat(self.created_at)}
