"""Signed-in browser sessions, kept server-side so that ending one really ends it.

The session cookie carries only a random id; the row says whose it is, when it
started and when it was last used. Logging out deletes the row, so a copy of
the cookie made before (on a shared or school computer) opens nothing. Only a
hash of the id is stored, so a leaked database leaks no sessions.
"""
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, bindparam, delete, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, query_expression, relationship, with_expression

from models.base import UtcDateTime, built_once, db, utcnow
from models.notification import unread_count_of
from models.token import IssuedSecret, hash_token
from models.user import User

# Writing ``last_seen_at`` on every request would cost a write per page; a minute is exact enough.
TOUCH_EVERY = timedelta(minutes=1)


class MemberSession(IssuedSecret, db.Model):
    __tablename__ = "member_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    # The member's unread notices as ``find`` read them, for the header of every signed-in page; not loaded
    # otherwise, and gone from the row once a commit expires it.
    unread_notifications: Mapped[int | None] = query_expression()

    @classmethod
    def find(cls, plain: str) -> "MemberSession | None":
        """The live session with its member, their break and their unread notices (every page needs all four), in
        one query."""
        return db.session.scalar(_by_token_hash(), {"token_hash": hash_token(plain)})

    @classmethod
    def end_all_for(cls, user: User) -> None:
        """Delete every session of ``user`` (the caller commits)."""
        db.session.execute(delete(cls).where(cls.user_id == user.id))

    def has_lapsed(self, idle: timedelta, lifetime: timedelta, now: datetime) -> bool:
        return now - self.last_seen_at > idle or now - self.created_at > lifetime

    def touch(self, now: datetime) -> bool:
        """Record use at ``now``; says whether anything changed that needs a commit."""
        if now - self.last_seen_at < TOUCH_EVERY:
            return False
        self.last_seen_at = now
        return True


@built_once
def _by_token_hash():
    with_member = joinedload(MemberSession.user, innerjoin=True).joinedload(User.pause)
    unread = with_expression(MemberSession.unread_notifications, unread_count_of(MemberSession.user_id).scalar_subquery())
    return (
        select(MemberSession).where(MemberSession.token_hash == bindparam("token_hash")).options(with_member, unread)
    )
