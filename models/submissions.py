"""Submissions: a member's one-time key for one post, so a retry never posts twice.

The key comes from the API's ``Idempotency-Key`` header or a page's one-time
form token; it is stored in the transaction that accepts the post, and the
unique (member, key) pair makes the database itself refuse a second copy, even
when two retries race.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, utcnow
from models.post import Post
from models.user import User

KEY_MAX_LENGTH = 128


class Submission(db.Model):
    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_submissions_user_id_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(KEY_MAX_LENGTH))
    # What was submitted (a hash of kind, target and text), so a key reused for other words is refused.
    fingerprint: Mapped[str] = mapped_column(String(64))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    post: Mapped[Post] = relationship()

    @classmethod
    def find(cls, member: User, key: str) -> "Submission | None":
        return db.session.scalar(select(cls).where(cls.user_id == member.id, cls.key == key))
