"""The outbox: messages that must reach a person outside Harbour, kept until someone acknowledges them.

A crisis post written while no moderator is online is escalated here; a sender
(webhook or email) delivers it, and an undelivered message is tried again with
growing pauses. A row leaves the pending list only when it is acknowledged: by
a 2xx answer from the webhook, by the mail relay accepting it, or by a
moderator or admin marking it handled in the admin view.
"""
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import JSON, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User

RETRY_CEILING = timedelta(hours=1)


class OutboxKind(str, Enum):
    CRISIS_ESCALATION = "crisis_escalation"
    TARGET_WARNING = "target_warning"  # a response-time target is about to be missed and nobody is on duty


class OutboxMessage(db.Model):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), index=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    acknowledged_by: Mapped[User | None] = relationship()

    @classmethod
    def due(cls, now: datetime) -> list["OutboxMessage"]:
        """Unacknowledged messages whose next try has come, oldest first."""
        statement = (
            select(cls)
            .where(cls.acknowledged_at.is_(None), cls.next_attempt_at <= now)
            .order_by(cls.id)
        )
        return list(db.session.scalars(statement))

    @classmethod
    def newest_first(cls, limit: int = 50) -> list["OutboxMessage"]:
        return list(db.session.scalars(select(cls).order_by(cls.id.desc()).limit(limit)))

    @property
    def is_pending(self) -> bool:
        return self.acknowledged_at is None

    def record_failure(self, error: str, now: datetime, base_delay: timedelta) -> None:
        """Try again later, doubling the pause each time up to an hour, so a long outage is not hammered."""
        self.attempts += 1
        self.last_error = error[:1000]
        self.next_attempt_at = now + min(base_delay * 2 ** (self.attempts - 1), RETRY_CEILING)

    def acknowledge(self, now: datetime, by: User | None = None) -> None:
        if self.acknowledged_at is None:
            self.acknowledged_at = now
            self.acknowledged_by = by

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "post_id": self.post_id,
            "payload": self.payload,
            "created_at": isoformat(self.created_at),
            "attempts": self.attempts,
            "next_attempt_at": isoformat(self.next_attempt_at),
            "last_error": self.last_error,
            "acknowledged_at": isoformat(self.acknowledged_at),
        }
