"""Authors' appeals against a moderator's decision: one per decision, looked at by another moderator.

The appeal keeps the words as they were when the author appealed, so whoever
reviews it sees what was judged, and it links the decision appealed and the
review that settled it: together they are the label retraining reads.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.post import Post
from models.queue import ModerationDecision
from models.user import User

NOTE_MAX_LENGTH = 500
APPEAL_WINDOW_DAYS = 14


class Appeal(db.Model):
    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("moderation_decisions.id", ondelete="CASCADE"), unique=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text)
    original_text: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(16))
    review_id: Mapped[int | None] = mapped_column(
        ForeignKey("moderation_decisions.id", ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    settled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    decision: Mapped[ModerationDecision] = relationship(foreign_keys=[decision_id])
    review: Mapped[ModerationDecision | None] = relationship(foreign_keys=[review_id])
    post: Mapped[Post] = relationship()
    author: Mapped[User] = relationship()

    @classmethod
    def open_for(cls, post: Post) -> "Appeal | None":
        return db.session.scalar(select(cls).where(cls.post_id == post.id, cls.outcome.is_(None)))

    @classmethod
    def touching(cls, decision: ModerationDecision) -> "Appeal | None":
        """The appeal against ``decision``, or the one ``decision`` settled: either way it can't be appealed."""
        return db.session.scalar(select(cls).where((cls.decision_id == decision.id) | (cls.review_id == decision.id)))

    @classmethod
    def latest_for(cls, post: Post) -> "Appeal | None":
        return db.session.scalar(select(cls).where(cls.post_id == post.id).order_by(cls.id.desc()).limit(1))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "post_id": self.post_id,
            "decision": self.decision.decision,
            "note": self.note,
            "original_text": self.original_text,
            "outcome": self.outcome,
            "created_at": isoformat(self.created_at),
            "settled_at": isoformat(self.settled_at),
        }
