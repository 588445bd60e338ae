"""Moderator training: the module's pages (editable by admins) and who completed it when.

Training lasts a year; after that a refresher is due. Completion comes from
passing the module's scenario questions, or from an admin recording training
done elsewhere; an admin may also withdraw it, which asks for training again.
"""
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import JSON, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User

TRAINING_LASTS = timedelta(days=365)
DUE_SOON = timedelta(days=30)


class PageKind(str, Enum):
    LESSON = "lesson"
    SCENARIO = "scenario"  # a realistic, non-triggering post with one question about it


class CompletionSource(str, Enum):
    MODULE = "module"
    RECORDED = "recorded"  # an admin recorded training done elsewhere


class TrainingPage(db.Model):
    __tablename__ = "training_pages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(16), default=PageKind.LESSON.value)
    title: Mapped[str] = mapped_column(String(200))
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    # For a scenario: [{"text": ..., "correct": bool, "why": ...}, ...]
    choices: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    @classmethod
    def ordered(cls, kind: PageKind | None = None) -> list["TrainingPage"]:
        statement = select(cls).order_by(cls.position, cls.id)
        if kind is not None:
            statement = statement.where(cls.kind == kind.value)
        return list(db.session.scalars(statement))

    @classmethod
    def find(cls, slug: str) -> "TrainingPage | None":
        return db.session.scalar(select(cls).where(cls.slug == slug))

    def to_dict(self, *, with_answers: bool = False) -> dict:
        """The page as a trainee sees it (which choice is right stays on the server), or whole for admins."""
        return {
            "slug": self.slug,
            "kind": self.kind,
            "title": self.title,
            "body": self.body_markdown,
            "choices": self.choices if with_answers else [choice["text"] for choice in self.choices],
            "updated_at": isoformat(self.updated_at),
        }


class TrainingCompletion(db.Model):
    __tablename__ = "training_completions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    source: Mapped[str] = mapped_column(String(16))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @classmethod
    def latest(cls, member: User) -> "TrainingCompletion | None":
        statement = select(cls).where(cls.user_id == member.id, cls.withdrawn_at.is_(None))
        return db.session.scalar(statement.order_by(cls.completed_at.desc(), cls.id.desc()).limit(1))

    @property
    def due_at(self) -> datetime:
        return self.completed_at + TRAINING_LASTS

    @property
    def is_current(self) -> bool:
        return self.due_at > utcnow()
