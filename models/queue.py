"""The moderator queue, Discourse-Reviewable style: one item per post, many scored reasons.

An item says *that* a post needs a person; its reasons say *why* (classifier
categories with scores, rules with the spans they matched, member reports).
Claims are a single conditional UPDATE, so two moderators can never both win.
"""
from datetime import datetime, timedelta
from enum import Enum, IntEnum

from sqlalchemy import JSON, Float, ForeignKey, String, Text, UniqueConstraint, exists, false, func, or_, select, update
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship, selectinload

from models.base import UtcDateTime, db, isoformat, utcnow
from models.board import Board
from models.post import Post, PostRevision, PostStatus
from models.thread import Thread
from models.user import User


class ItemStatus(str, Enum):
    OPEN = "open"
    ESCALATED = "escalated"  # handed to admins
    RESOLVED = "resolved"


class ItemKind(str, Enum):
    """Why the post is in the queue: screening holds it back, members reported a visible post, or its
    author appealed a moderator's decision (for a different moderator to look at).

    Reasons of any kind join the one item; a screening that holds the post makes it a screening item.
    """

    SCREENING = "screening"
    REPORT = "report"
    CLUSTER = "cluster"  # the contagion guard: the post that began a cluster, its reasons listing every post in it
    APPEAL = "appeal"


class Priority(IntEnum):
    """Urgency order of the queue: crisis first, then worry about a member, then everything else."""

    ROUTINE = 0
    WORRY = 1
    CRISIS = 2


class ReasonSource(str, Enum):
    CATEGORY = "category"
    RULE = "rule"
    REPORT = "report"
    CLUSTER = "cluster"
    APPEAL = "appeal"


class QueueItem(db.Model):
    __tablename__ = "queue_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=ItemStatus.OPEN.value, index=True)
    priority: Mapped[int] = mapped_column(default=Priority.ROUTINE)
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claim_expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    post: Mapped[Post] = relationship()
    claimed_by: Mapped[User | None] = relationship()
    reasons: Mapped[list["QueueReason"]] = relationship(
        back_populates="item", order_by="QueueReason.id", cascade="all, delete-orphan"
    )

    @classmethod
    def for_post(cls, post: Post) -> "QueueItem | None":
        return db.session.scalar(select(cls).where(cls.post_id == post.id))

    @classmethod
    def waiting(cls, viewer: User, *, category=None, board=None, reason=None, leave_out=None):
        """Items the viewer can act on, most urgent first, oldest first within a priority; never an appeal
        against the viewer's own decision, which is for someone else.

        ``leave_out`` is a condition on items: those it matches are left to other moderators
        (``forum.services.queue_shield`` builds it).
        """
        statuses = [ItemStatus.OPEN.value] + ([ItemStatus.ESCALATED.value] if viewer.is_admin else [])
        statement = (
            select(cls)
            .join(Post, Post.id == cls.post_id)
            .join(Thread, Thread.id == Post.thread_id)
            .where(cls.status.in_(statuses), ~cls._appeals_decision_of(viewer))
            .options(selectinload(cls.reasons), selectinload(cls.post), selectinload(cls.claimed_by))
            .order_by(cls.priority.desc(), cls.created_at, cls.id)
        )
        if category:
            statement = statement.where(cls._has_reason(ReasonSource.CATEGORY, category))
        if reason:
            statement = statement.where(cls._has_reason(None, reason))
        if board:
            statement = statement.join(Board, Board.id == Thread.board_id).where(Board.slug == board)
        if leave_out is not None:
            statement = statement.where(~leave_out)
        return statement

    @classmethod
    def _appeals_decision_of(cls, moderator: User):
        from models.appeals import Appeal  # imported here: models.appeals imports this module

        return exists().where(
            cls.kind == ItemKind.APPEAL.value, Appeal.post_id == cls.post_id, Appeal.outcome.is_(None),
            ModerationDecision.id == Appeal.decision_id, ModerationDecision.moderator_id == moderator.id,
        )

    @classmethod
    def has_any_category(cls, categories):
        """A condition: the item has a category reason for any of ``categories`` (never, for none)."""
        if not categories:
            return false()
        return exists().where(QueueReason.item_id == cls.id, QueueReason.source == ReasonSource.CATEGORY.value,
                              QueueReason.code.in_(sorted(categories)))

    @classmethod
    def _has_reason(cls, source: ReasonSource | None, code: str):
        condition = exists().where(QueueReason.item_id == cls.id, QueueReason.code == code)
        return condition.where(QueueReason.source == source.value) if source else condition

    @classmethod
    def counts(cls, viewer: User, leave_out=None) -> dict[str, int]:
        """How many items wait at each priority, for the queue's header (``leave_out``: as ``waiting``)."""
        waiting = cls.waiting(viewer, leave_out=leave_out).with_only_columns(cls.id)
        statement = select(cls.priority, func.count()).where(cls.id.in_(waiting))
        found = dict(db.session.execute(statement.group_by(cls.priority)).all())
        return {priority.name.lower(): found.get(priority.value, 0) for priority in Priority}

    @classmethod
    def claim(cls, item_id: int, moderator: User, hold_for: timedelta) -> bool:
        """Claim atomically: one UPDATE that only matches a free, expired or own claim.

        The row count says who won; on PostgreSQL a concurrent claimer blocks on
        the row lock and then re-checks the WHERE clause against the winner's commit.
        """
        now = utcnow()
        statuses = [ItemStatus.OPEN.value] + ([ItemStatus.ESCALATED.value] if moderator.is_admin else [])
        result = db.session.execute(
            update(cls)
            .where(
                cls.id == item_id,
                cls.status.in_(statuses),
                or_(cls.claimed_by_id.is_(None), cls.claimed_by_id == moderator.id, cls.claim_expires_at < now),
            )
            .values(claimed_by_id=moderator.id, claimed_at=now, claim_expires_at=now + hold_for)
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    def is_claimed_by_other(self, moderator: User) -> bool:
        return (
            self.claimed_by_id not in (None, moderator.id)
            and self.claim_expires_at is not None
            and self.claim_expires_at > utcnow()
        )

    def raise_priority(self, priority: Priority) -> None:
        self.priority = max(self.priority, int(priority))

    @property
    def priority_name(self) -> str:
        return Priority(self.priority).name.lower()

    @property
    def categories(self) -> dict[str, float]:
        return {r.code: r.score for r in self.reasons if r.source == ReasonSource.CATEGORY.value}

    def to_dict(self) -> dict:
        """The item's own fields; ``forum.services.queue_view`` adds its reasons, most severe first, in words."""
        return {
            "id": self.id,
            "post_id": self.post_id,
            "kind": self.kind,
            "status": self.status,
            "priority": self.priority_name,
            "categories": self.categories,
            "claimed_by": self.claimed_by.handle if self.claimed_by and not self.claim_has_expired else None,
            "claim_expires_at": isoformat(self.claim_expires_at),
            "created_at": isoformat(self.created_at),
        }

    @property
    def claim_has_expired(self) -> bool:
        return self.claim_expires_at is None or self.claim_expires_at <= utcnow()


class QueueReason(db.Model):
    """One reason an item is in the queue: a category score, a rule with its spans, or a report."""

    __tablename__ = "queue_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    spans: Mapped[list] = mapped_column(JSON, default=list)
    detail: Mapped[str] = mapped_column(Text, default="")
    # For rules: the action the rule asked for and the categories it implies (None on rows from before 0009).
    action: Mapped[str | None] = mapped_column(String(16))
    categories: Mapped[list | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    item: Mapped[QueueItem] = relationship(back_populates="reasons")

    def to_dict(self) -> dict:
        return {"source": self.source, "code": self.code, "score": self.score, "spans": self.spans,
                "detail": self.detail, "action": self.action, "categories": list(self.categories or [])}


class Report(db.Model):
    """A member's report of a post; one per member per post, so repeats add nothing."""

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("post_id", "reporter_id", name="uq_reports_post_id_reporter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    @classmethod
    def find(cls, post: Post, reporter: User) -> "Report | None":
        return db.session.scalar(select(cls).where(cls.post_id == post.id, cls.reporter_id == reporter.id))


class ModerationDecision(db.Model):
    """The audit record of a decision, and its label against the screening record it judged."""

    __tablename__ = "moderation_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("queue_items.id", ondelete="CASCADE"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    screening_record_id: Mapped[int | None] = mapped_column(
        ForeignKey("screening_records.id", ondelete="SET NULL"), index=True
    )
    moderator_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decision: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(64), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    status_before: Mapped[str] = mapped_column(String(16))
    status_after: Mapped[str] = mapped_column(String(16))
    warnings_before: Mapped[list] = mapped_column(JSON, default=list)
    warnings_after: Mapped[list] = mapped_column(JSON, default=list)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("post_revisions.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    moderator: Mapped[User] = relationship()
    revision = relationship("PostRevision")

    @classmethod
    def history_of(cls, author: User, limit: int = 10) -> list["ModerationDecision"]:
        """Recent decisions about an author's posts, for context on the item page."""
        statement = (
            select(cls)
            .join(Post, Post.id == cls.post_id)
            .where(Post.author_id == author.id)
            .order_by(cls.id.desc())
            .limit(limit)
        )
        return list(db.session.scalars(statement))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "decision": self.decision,
            "moderator": self.moderator.handle,
            "reason": self.reason,
            "status_before": self.status_before,
            "status_after": self.status_after,
            "warnings_before": self.warnings_before,
            "warnings_after": self.warnings_after,
            "created_at": isoformat(self.created_at),
        }


def published_unjudged_since(since: datetime) -> list[Post]:
    """Posts up now, written or edited since ``since``, that no moderator has decided on, oldest first.

    Re-screening after a rule change reads these: a person's decision stands, new rules do not overrule it.
    """
    judged = exists().where(ModerationDecision.post_id == Post.id)
    statement = select(Post).where(Post.status == PostStatus.PUBLISHED.value, Post.updated_at >= since, ~judged)
    return list(db.session.scalars(statement.order_by(Post.id)))


def decisions_with_screenings() -> list:
    """Every decision with the text and screening it judged, the handles to keep out of a label export,
    and where an appeal touched it: ``appeal`` is the outcome of an appeal against it, ``appeal_review``
    whether it settled one."""
    from models.appeals import Appeal  # imported here: both import this module
    from models.screening import ScreeningRecord

    author, moderator = aliased(User), aliased(User)
    against, settled = aliased(Appeal), aliased(Appeal)
    statement = (
        select(
            against.outcome.label("appeal"),
            settled.outcome.label("appeal_review"),
            ModerationDecision.decision,
            ModerationDecision.warnings_after,
            func.coalesce(PostRevision.body_markdown, Post.body_markdown).label("text"),
            ScreeningRecord.flagged,
            ScreeningRecord.model_version,
            ScreeningRecord.ruleset_version,
            author.handle.label("author"),
            moderator.handle.label("moderator"),
        )
        .join(ScreeningRecord, ScreeningRecord.id == ModerationDecision.screening_record_id)
        .join(Post, Post.id == ModerationDecision.post_id)
        .outerjoin(PostRevision, PostRevision.id == ScreeningRecord.revision_id)
        .join(author, author.id == Post.author_id)
        .join(moderator, moderator.id == ModerationDecision.moderator_id)
        .outerjoin(against, against.decision_id == ModerationDecision.id)
        .outerjoin(settled, settled.review_id == ModerationDecision.id)
        .order_by(ModerationDecision.id)
    )
    return list(db.session.execute(statement))
