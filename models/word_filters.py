"""Each member's personal word filters: words or phrases they would rather not see in posts and titles.

The phrase is kept as typed, for the member's list, and in the folded form it is
matched in (``moderation.word_filters.fold``), which is also what makes two
spellings of one phrase the same filter.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User
from moderation.word_filters import PHRASE_MAX_LENGTH


class WordFilter(db.Model):
    __tablename__ = "word_filters"
    __table_args__ = (UniqueConstraint("user_id", "phrase_key", name="uq_word_filters_user_id_phrase_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    phrase: Mapped[str] = mapped_column(String(PHRASE_MAX_LENGTH))
    # Folding can lengthen text ("ß" becomes "ss"), so the folded form has room to grow.
    phrase_key: Mapped[str] = mapped_column(String(4 * PHRASE_MAX_LENGTH))
    choice: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @classmethod
    def of(cls, member: User) -> list["WordFilter"]:
        return list(db.session.scalars(select(cls).where(cls.user_id == member.id).order_by(cls.id)))

    @classmethod
    def count_of(cls, member: User) -> int:
        return db.session.scalar(select(func.count()).where(cls.user_id == member.id))

    @classmethod
    def find(cls, member: User, phrase_key: str) -> "WordFilter | None":
        return db.session.scalar(select(cls).where(cls.user_id == member.id, cls.phrase_key == phrase_key))

    def to_dict(self) -> dict:
        return {"id": self.id, "phrase": self.phrase, "choice": self.choice, "created_at": isoformat(self.created_at)}
