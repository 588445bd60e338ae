"""API bearer tokens, stored only as hashes so a leaked database leaks no tokens."""
import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, utcnow
from models.user import User


# The account page shows the day a token was last used, so a use is noted at most once a minute: each note
# is a write, and its commit makes the request load the token and its member again.
LAST_USE_RESOLUTION = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class IssuedSecret:
    """A row its holder proves with a random secret that is shown once; only the secret's hash is stored."""

    @classmethod
    def issue(cls, user: User):
        """A new row and the plain secret (the caller commits)."""
        plain = secrets.token_urlsafe(32)
        row = cls(user=user, token_hash=hash_token(plain))
        db.session.add(row)
        return row, plain


class ApiToken(IssuedSecret, db.Model):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship()

    @classmethod
    def find_active(cls, plain: str) -> "ApiToken | None":
        return db.session.scalar(
            select(cls).where(cls.token_hash == hash_token(plain), cls.revoked_at.is_(None))
        )

    @classmethod
    def active_for(cls, user: User) -> list["ApiToken"]:
        statement = (
            select(cls)
            .where(cls.user_id == user.id, cls.revoked_at.is_(None))
            .order_by(cls.created_at.desc())
        )
        return list(db.session.scalars(statement))

    def note_use(self) -> bool:
        """Record a use now, unless one was noted within ``LAST_USE_RESOLUTION``; True if it changed (the caller
        commits)."""
        now = utcnow()
        if self.last_used_at is not None and self.last_used_at >= now - LAST_USE_RESOLUTION:
            return False
        self.last_used_at = now
        return True

    def revoke(self) -> None:
        self.revoked_at = utcnow()
