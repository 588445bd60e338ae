"""Members: pseudonymous handles, a role and the guidelines they accepted."""
import re
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, utcnow

if TYPE_CHECKING:
    from models.breaks import Break

HANDLE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{3,24}$")
HANDLE_MIN_LENGTH = 3
HANDLE_MAX_LENGTH = 24
PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
DEFAULT_REGION = "UK"


class Role(str, Enum):
    MEMBER = "member"
    MODERATOR = "moderator"
    SUPERVISOR = "supervisor"  # supports moderators (check-ins, sessions); does not moderate
    ADMIN = "admin"


def handle_key(handle: str) -> str:
    """The form handles are compared in, so "Sky" and "sky" are one name."""
    return handle.strip().casefold()


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    handle: Mapped[str] = mapped_column(String(HANDLE_MAX_LENGTH))
    handle_key: Mapped[str] = mapped_column(String(HANDLE_MAX_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default=Role.MEMBER.value)
    region: Mapped[str] = mapped_column(String(8), default=DEFAULT_REGION)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    guidelines_accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    suspended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    suspension_reason: Mapped[str] = mapped_column(Text, default="")
    # Opted in to "be there for someone": shown threads nobody has answered yet.
    offers_support: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # Who supervises this moderator (set by admins); unassigned moderators are supervised by the admins.
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)

    supervisor: Mapped["User | None"] = relationship(remote_side=lambda: [User.id], foreign_keys=lambda: [User.supervisor_id])
    # The member's break, running or over (``Break.active_for`` says which); loaded with the sign-in.
    pause: Mapped["Break | None"] = relationship(viewonly=True)

    @classmethod
    def find_by_handle(cls, handle: str) -> "User | None":
        return db.session.scalar(select(cls).where(cls.handle_key == handle_key(handle)))

    @property
    def is_moderator(self) -> bool:
        """Moderators and admins both see what the queue holds."""
        return self.role in (Role.MODERATOR.value, Role.ADMIN.value)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN.value

    @property
    def is_supervisor(self) -> bool:
        """Supervisors, and admins acting as one, look after moderators: check-ins, notes and sessions."""
        return self.role in (Role.SUPERVISOR.value, Role.ADMIN.value)

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @classmethod
    def by_handle(cls) -> list["User"]:
        return list(db.session.scalars(select(cls).order_by(cls.handle_key)))

    def to_dict(self) -> dict:
        return {"id": self.id, "handle": self.handle}
