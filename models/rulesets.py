"""Rule sets as versioned documents: one active version screens posts, drafts wait for an admin.

Only drafts change. Activating a version retires the one before it; activating a
retired version again is how an admin rolls back. A partial unique index keeps
exactly one version active even if two admins press the button at once.
"""
import json
from datetime import datetime
from enum import Enum
from functools import lru_cache

from sqlalchemy import JSON, ForeignKey, Index, String, Text, func, select, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, isoformat, utcnow
from moderation.rules import RuleSet


class RuleSetStatus(str, Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class RuleSetVersion(db.Model):
    __tablename__ = "ruleset_versions"
    __table_args__ = (
        Index(
            "uq_ruleset_versions_one_active",
            "status",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(unique=True)
    status: Mapped[str] = mapped_column(String(16), default=RuleSetStatus.DRAFT.value)
    document: Mapped[dict] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    activated_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    based_on: Mapped[int | None] = mapped_column(ForeignKey("ruleset_versions.id", ondelete="SET NULL"))

    @classmethod
    def active(cls) -> "RuleSetVersion | None":
        return db.session.scalar(select(cls).where(cls.status == RuleSetStatus.ACTIVE.value))

    @classmethod
    def newest_first(cls) -> list["RuleSetVersion"]:
        return list(db.session.scalars(select(cls).order_by(cls.number.desc())))

    @classmethod
    def next_number(cls) -> int:
        return (db.session.scalar(select(func.max(cls.number))) or 0) + 1

    @property
    def is_draft(self) -> bool:
        return self.status == RuleSetStatus.DRAFT.value

    @property
    def is_active(self) -> bool:
        return self.status == RuleSetStatus.ACTIVE.value

    @property
    def label(self) -> str:
        """The rule-set version screening records carry: the document's own, else the number."""
        return self.document.get("version") or f"v{self.number}"

    def ruleset(self) -> RuleSet:
        """The compiled rule set; raises ``RuleSetError`` for an invalid draft."""
        return _compiled(self.label, json.dumps(self.document, sort_keys=True))

    def to_dict(self, *, with_document: bool = True) -> dict:
        data = {
            "id": self.id,
            "number": self.number,
            "status": self.status,
            "version": self.label,
            "note": self.note,
            "created_by": self.created_by,
            "created_at": isoformat(self.created_at),
            "activated_at": isoformat(self.activated_at),
            "based_on": self.based_on,
        }
        return {**data, "document": self.document} if with_document else data


def active_ruleset() -> RuleSet:
    """The rule set live screening uses: the active version, compiled once per version.

    Falls back to the shipped default before ``flask init`` has stored one.
    """
    version = RuleSetVersion.active()
    return version.ruleset() if version else RuleSet.default()


@lru_cache(maxsize=16)
def _compiled(label: str, canonical_document: str) -> RuleSet:
    return RuleSet({**json.loads(canonical_document), "version": label})
