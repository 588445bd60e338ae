"""In-app notifications: how authors hear what happened to a post they are waiting on."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, bindparam, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, built_once, db, isoformat, utcnow


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @classmethod
    def for_user(cls, user_id: int, limit: int = 50) -> list["Notification"]:
        statement = select(cls).where(cls.user_id == user_id).order_by(cls.id.desc()).limit(limit)
        return list(db.session.scalars(statement))

    @classmethod
    def sent_since(cls, user_id: int, kind: str, since: datetime) -> bool:
        """Whether ``kind`` already reached this person since ``since`` (a prompt goes once a week)."""
        statement = select(cls.id).where(cls.user_id == user_id, cls.kind == kind, cls.created_at >= since)
        return db.session.scalar(statement.limit(1)) is not None

    @classmethod
    def unread_count(cls, user_id: int) -> int:
        """Every signed-in page's header shows it."""
        return db.session.scalar(_unread_count(), {"user_id": user_id})

    @classmethod
    def mark_all_read(cls, user_id: int) -> None:
        db.session.execute(
            update(cls).where(cls.user_id == user_id, cls.read_at.is_(None)).values(read_at=utcnow())
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "post_id": self.post_id,
            "kind": self.kind,
            "message": self.message,
            "created_at": isoformat(self.created_at),
            "read": self.read_at is not None,
        }


def unread_count_of(user_id):
    """Counting ``user_id``'s unread notices: a value, or a column (a signed-in session reads it with its member)."""
    return select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))


@built_once
def _unread_count():
    return unread_count_of(bindparam("user_id"))
