"""A supervisor's private note on one check-in request: read by its author and that moderator, nobody else.

Not by other supervisors and not by admins: a note is part of a conversation
between two people. One note per request; its author may change it.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User

NOTE_BODY_MAX_LENGTH = 4000


class SupervisionNote(db.Model):
    __tablename__ = "supervision_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("supervision_requests.id", ondelete="CASCADE"), unique=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    author: Mapped[User | None] = relationship()

    @classmethod
    def for_request(cls, request_id: int) -> "SupervisionNote | None":
        return db.session.scalar(select(cls).where(cls.request_id == request_id))

    def to_dict(self) -> dict:
        return {"body": self.body, "author": self.author.handle if self.author else None,
                "updated_at": isoformat(self.updated_at)}
