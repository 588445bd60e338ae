"""Boards: the rooms of the forum, each with its own guidelines."""
from sqlalchemy import String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from models.base import db


class Board(db.Model):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    guidelines: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    # A strictness level of the active rule set; None follows the rule set's own board_strictness.
    strictness: Mapped[str | None] = mapped_column(String(32))

    @classmethod
    def ordered(cls) -> list["Board"]:
        return list(db.session.scalars(select(cls).order_by(cls.position, cls.id)))

    @classmethod
    def find_by_slug(cls, slug: str) -> "Board | None":
        return db.session.scalar(select(cls).where(cls.slug == slug))

    def to_dict(self) -> dict:
        return {"slug": self.slug, "name": self.name, "description": self.description}
