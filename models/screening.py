"""Screening records: what the engine said about one version of a post, kept for good.

A record is written for every screening (new posts and edits), so moderators
see why a post was held, authors see why, and backtests can re-decide stored
scores under a new rule set without running the model again.
"""
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow


class ScreeningRecord(db.Model):
    __tablename__ = "screening_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("post_revisions.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(16), index=True)
    scores: Mapped[dict] = mapped_column(JSON, default=dict)
    flagged: Mapped[list] = mapped_column(JSON, default=list)
    findings: Mapped[list] = mapped_column(JSON, default=list)
    member_rules: Mapped[list] = mapped_column(JSON, default=list)
    warnings: Mapped[list] = mapped_column(JSON, default=list)
    signposts: Mapped[list] = mapped_column(JSON, default=list)
    explanation_for_author: Mapped[str] = mapped_column(Text, default="")
    explanation_for_moderators: Mapped[str] = mapped_column(Text, default="")
    model_version: Mapped[str] = mapped_column(String(64))
    ruleset_version: Mapped[str] = mapped_column(String(64))
    latency_ms: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    post = relationship("Post", back_populates="screenings")
    revision = relationship("PostRevision")

    @classmethod
    def from_verdict(cls, verdict: dict, *, revision, latency_ms: float) -> "ScreeningRecord":
        """A record from ``Verdict.to_dict()``; a plain dict keeps this room free of the engine."""
        return cls(
            revision=revision,
            action=verdict["action"],
            scores=verdict["categories"],
            flagged=verdict["flagged"],
            findings=verdict["findings"],
            member_rules=verdict["member_rules"],
            warnings=verdict["warnings"],
            signposts=verdict["signposts"],
            explanation_for_author=verdict["explanation_for_author"],
            explanation_for_moderators=verdict["explanation_for_moderators"],
            model_version=verdict["model_version"],
            ruleset_version=verdict["ruleset_version"],
            latency_ms=latency_ms,
        )

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "action": self.action,
            "categories": self.scores,
            "flagged": self.flagged,
            "findings": self.findings,
            "member_rules": self.member_rules,
            "model_version": self.model_version,
            "ruleset_version": self.ruleset_version,
            "latency_ms": self.latency_ms,
            "created_at": isoformat(self.created_at),
        }
