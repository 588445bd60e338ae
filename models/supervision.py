"""Check-in requests from moderators to their supervisor: a tap-out, "this one stayed with me", a hard limit.

One row per request, answered when a supervisor (or an admin acting as one)
responds. The supervisor's page, notes and sessions build on these rows; who may
read them is decided by ``forum.services.supervision_requests``.
"""
from datetime import datetime
from enum import Enum

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User


class RequestKind(str, Enum):
    TAP_OUT = "tap_out"  # the moderator stepped away in one step
    STAYED_WITH_ME = "stayed_with_me"  # an item they reviewed is still with them
    HARD_LIMIT = "hard_limit"  # past their hard limit, and the only one on duty: a crisis is still theirs


REQUEST_KINDS: tuple[str, ...] = tuple(kind.value for kind in RequestKind)
NOTE_MAX_LENGTH = 2000


class SupervisionRequest(db.Model):
    __tablename__ = "supervision_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    queue_item_id: Mapped[int | None] = mapped_column(ForeignKey("queue_items.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    moderator: Mapped[User] = relationship(foreign_keys=[moderator_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])

    @classmethod
    def newest_first(cls, *, open_only: bool = False, moderator: User | None = None, since: datetime | None = None,
                     kind: RequestKind | None = None, limit: int = 200) -> list["SupervisionRequest"]:
        statement = select(cls).order_by(cls.created_at.desc(), cls.id.desc()).limit(limit)
        if since is not None:
            statement = statement.where(cls.created_at >= since)
        if kind is not None:
            statement = statement.where(cls.kind == kind.value)
        if open_only:
            statement = statement.where(cls.answered_at.is_(None))
        if moderator is not None:
            statement = statement.where(cls.moderator_id == moderator.id)
        return list(db.session.scalars(statement))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "moderator": self.moderator.handle,
            "kind": self.kind,
            "queue_item_id": self.queue_item_id,
            "note": self.note,
            "created_at": isoformat(self.created_at),
            "answered_at": isoformat(self.answered_at),
            "answered_by": self.answered_by.handle if self.answered_by else None,
        }
