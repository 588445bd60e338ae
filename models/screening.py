"""Screening records: what the engine said about one version of a post, kept for good.

A record is written for every screening (new posts and edits), so moderators
see why a post was held, authors see why, and backtests can re-decide stored
scores under a new rule set without running the model again.
"""
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, LargeBinary, String, Text, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.board import Board
from models.post import Post, PostRevision
from models.queue import ModerationDecision
from models.thread import Thread


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
    # The sentence embedding screening computed anyway (float16 bytes), so the contagion guard never reruns the model.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    post = relationship("Post", back_populates="screenings")
    revision = relationship("PostRevision")

    @classmethod
    def from_verdict(cls, verdict: dict, *, revision, latency_ms: float, embedding: bytes | None = None) -> "ScreeningRecord":
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
            embedding=embedding,
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


def latest_screenings(*, limit: int | None = None, since: datetime | None = None) -> list:
    """The newest screening of each post, newest posts first, with what a backtest needs beside it:
    the text screened, the board, whether it was a reply, and the moderator decision that judged it."""
    newest = select(func.max(ScreeningRecord.id)).group_by(ScreeningRecord.post_id)
    if since is not None:
        newest = newest.having(func.max(ScreeningRecord.created_at) >= since)
    decision = (
        select(ModerationDecision.decision)
        .where(ModerationDecision.screening_record_id == ScreeningRecord.id)
        .order_by(ModerationDecision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    statement = (
        select(
            ScreeningRecord.id.label("record_id"),
            ScreeningRecord.post_id,
            func.coalesce(PostRevision.body_markdown, Post.body_markdown).label("text"),
            ScreeningRecord.scores,
            ScreeningRecord.model_version,
            ScreeningRecord.action,
            ScreeningRecord.member_rules,
            decision.label("decision"),
            Board.slug.label("board"),
            Board.strictness.label("board_strictness"),
            Post.is_opening,
        )
        .join(Post, Post.id == ScreeningRecord.post_id)
        .outerjoin(PostRevision, PostRevision.id == ScreeningRecord.revision_id)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Board, Board.id == Thread.board_id)
        .where(ScreeningRecord.id.in_(newest))
        .order_by(ScreeningRecord.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(statement))
