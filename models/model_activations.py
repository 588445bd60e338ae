"""Which classifier screens posts: each admin activation is one row, and the newest row wins.

Rows are never changed, so the table is also the history of what screened when.
A null directory means the artefact committed with the code.
"""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, utcnow
from models.user import User


class ModelActivation(db.Model):
    __tablename__ = "model_activations"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(120))
    directory: Mapped[str | None] = mapped_column(String(500))
    activated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    activated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    admin: Mapped[User | None] = relationship()

    @classmethod
    def latest(cls) -> "ModelActivation | None":
        """The activation in force (one small indexed query, cheap enough to run per post)."""
        return db.session.scalar(select(cls).order_by(cls.id.desc()).limit(1))

    @classmethod
    def newest_first(cls, limit: int = 20) -> list["ModelActivation"]:
        return list(db.session.scalars(select(cls).order_by(cls.id.desc()).limit(limit)))
