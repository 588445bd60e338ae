"""What Harbour keeps after a member deletes their account, and for how long.

A deleted member's posts that screening judged a crisis stay for a while as
safety records (moderators and safeguarding reviews need them), attributed to
"former member" and hidden from everyone else; ``RetainedPost`` says until
when. Admins set that period once, in ``PrivacySettings``; the privacy page
reads it from there, so what members are told is what happens.
"""
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, utcnow
from models.user import Role, User

DEFAULT_RETENTION_DAYS = 365
# Not a valid handle (it has a space), so nobody can register it or log in as it.
FORMER_MEMBER = "former member"


class PrivacySettings(db.Model):
    __tablename__ = "privacy_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    retention_days: Mapped[int] = mapped_column(default=DEFAULT_RETENTION_DAYS)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    @classmethod
    def current(cls) -> "PrivacySettings":
        """The one settings row, made with the defaults the first time it is asked for (the caller commits)."""
        settings = db.session.get(cls, 1)
        if settings is None:
            settings = cls(id=1, retention_days=DEFAULT_RETENTION_DAYS)
            db.session.add(settings)
        return settings


class RetainedPost(db.Model):
    """A safety record kept after its author deleted their account, until ``kept_until``."""

    __tablename__ = "retained_posts"

    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True)
    kept_until: Mapped[datetime] = mapped_column(UtcDateTime, index=True)

    @classmethod
    def keep(cls, post_id: int, days: int) -> None:
        db.session.merge(cls(post_id=post_id, kept_until=utcnow() + timedelta(days=days)))

    @classmethod
    def expired(cls) -> list[int]:
        return list(db.session.scalars(select(cls.post_id).where(cls.kept_until <= utcnow())))


def former_member() -> User:
    """The one account every kept post and record of a deleted member is attributed to (made on first use)."""
    placeholder = User.find_by_handle(FORMER_MEMBER)
    if placeholder is None:
        placeholder = User(
            handle=FORMER_MEMBER, handle_key=FORMER_MEMBER, password_hash="!", role=Role.MEMBER.value,
            suspended_at=utcnow(), suspension_reason="This account stands in for members who deleted theirs.",
        )
        db.session.add(placeholder)
        db.session.flush()
    return placeholder
