"""What moderators see of a queue item, the same on the pages, in the API and in live updates.

An item's reasons are ordered by severity (someone in danger first, a member's
worry next, then what the words could do to a reader, and facts about the
author last) and named in words, never by raw ids: a new member's probation
must never hide that their post is a crisis, and a crisis the model alone
caught must still say why it is here.
"""
from dataclasses import dataclass

from forum.messages import CLUSTER_REASON_LABEL, REPORT_REASON_LABELS
from forum.services.queue import available_decisions
from moderation.messages import BUILT_IN_RULE_NAMES
from moderation.rules import MEMBER_RULE_PREFIX
from moderation.taxonomy import CATEGORY_LABELS, CATEGORY_SEVERITY, Action, Category, ReportReason, category_rank
from models import Appeal, ItemKind, ModerationDecision, Post, QueueItem, QueueReason, ReasonSource, ScreeningRecord, User, db

THREAD_CONTEXT_POSTS = 5
_CRISIS, _WORRY, _CONTENT, _MEMBER = range(4)


@dataclass(frozen=True)
class ReasonView:
    """One reason in words: ``label`` names it, ``detail`` is what the rule or reporter said."""

    source: str
    code: str
    label: str
    detail: str
    spans: list
    score: float | None
    crisis: bool

    def to_dict(self) -> dict:
        return {"source": self.source, "code": self.code, "label": self.label, "detail": self.detail,
                "spans": self.spans, "score": self.score, "crisis": self.crisis}


def ordered_reasons(item: QueueItem) -> list[ReasonView]:
    """The item's reasons, most severe first."""
    return [_view(reason) for reason in sorted(item.reasons, key=_severity)]


def headline(item: QueueItem) -> ReasonView | None:
    """The most severe reason, which lists and live alerts show for the item."""
    reasons = ordered_reasons(item)
    return reasons[0] if reasons else None


def item_json(item: QueueItem, moderator: User | None = None) -> dict:
    """The item for the API and live updates; ``moderator`` adds what they may decide."""
    reasons = ordered_reasons(item)
    first = reasons[0] if reasons else None
    data = item.to_dict() | {
        "reason": first.code if first else "",
        "reason_label": first.label if first else "",
        "reasons": [reason.to_dict() for reason in reasons],
        "board": item.post.thread.board.name,
    }
    if moderator is not None:
        data["available_decisions"] = available_decisions(item, moderator)
    return data


@dataclass(frozen=True)
class ItemContext:
    """Everything a moderator needs to decide one item: the post, why it is here, the thread before it,
    the author's recent history and the decisions open to them."""

    item: QueueItem
    post: Post
    screening: ScreeningRecord | None
    reasons: list[ReasonView]
    earlier: list[Post]
    history: list[ModerationDecision]
    decisions: list[str]
    appeal: Appeal | None = None  # for an appeal item: the decision appealed, the author's note, the words judged

    @property
    def spans(self) -> list[dict]:
        """Where rules matched in the post, to highlight."""
        return [span for reason in self.reasons for span in reason.spans]

    def to_dict(self, moderator: User) -> dict:
        screening = self.screening
        return {
            "item": item_json(self.item, moderator),
            "post": {
                "id": self.post.id,
                "thread_id": self.post.thread_id,
                "thread_title": self.post.thread.title,
                "board": self.post.thread.board.slug,
                "author": self.post.author.handle,
                "status": self.post.status,
                "body": self.post.body_markdown,
                "warnings": list(self.post.warnings),
            },
            "screening": None if screening is None else {
                "action": screening.action,
                "scores": dict(screening.scores),
                "flagged": list(screening.flagged),
                "explanation_for_moderators": screening.explanation_for_moderators,
                "model_version": screening.model_version,
                "ruleset_version": screening.ruleset_version,
            },
            "earlier": [{"id": p.id, "author": p.author.handle, "status": p.status, "body_html": p.body_html}
                        for p in self.earlier],
            "history": [decision.to_dict() for decision in self.history],
            "appeal": None if self.appeal is None else self.appeal.to_dict() | {
                "decided_by": self.appeal.decision.moderator.handle,
                "decided_at": self.appeal.decision.to_dict()["created_at"],
                "reason": self.appeal.decision.reason,
            },
        }


def item_context(item: QueueItem, moderator: User) -> ItemContext:
    post = item.post
    earlier = db.session.scalars(
        db.select(Post).where(Post.thread_id == post.thread_id, Post.id < post.id)
        .order_by(Post.id.desc()).limit(THREAD_CONTEXT_POSTS)
    ).all()
    return ItemContext(
        item=item,
        post=post,
        screening=post.latest_screening,
        reasons=ordered_reasons(item),
        earlier=list(reversed(earlier)),
        history=[d for d in ModerationDecision.history_of(post.author) if d.post_id != post.id],
        decisions=available_decisions(item, moderator),
        appeal=Appeal.open_for(post) if item.kind == ItemKind.APPEAL.value else None,
    )


def _categories(reason: QueueReason) -> list[str]:
    return [reason.code] if reason.source == ReasonSource.CATEGORY.value else list(reason.categories or [])


def _is_crisis(reason: QueueReason) -> bool:
    return reason.action == Action.CRISIS.value or Category.IMMINENT_RISK.value in _categories(reason)


def _severity(reason: QueueReason) -> tuple:
    if _is_crisis(reason):
        group = _CRISIS
    elif reason.source == ReasonSource.REPORT.value and reason.code == ReportReason.WORRIED.value:
        group = _WORRY
    elif reason.source == ReasonSource.RULE.value and reason.code.startswith(MEMBER_RULE_PREFIX):
        group = _MEMBER
    else:
        group = _CONTENT
    ranks = [category_rank(category) for category in _categories(reason)]
    model_only = reason.source == ReasonSource.CATEGORY.value  # a rule names the exact words; say it first
    return group, min(ranks, default=len(CATEGORY_SEVERITY)), model_only, -(reason.score or 0.0), reason.id or 0


def _view(reason: QueueReason) -> ReasonView:
    return ReasonView(
        source=reason.source,
        code=reason.code,
        label=_label(reason),
        detail=reason.detail or "",
        spans=list(reason.spans or []),
        score=reason.score,
        crisis=_is_crisis(reason),
    )


def _label(reason: QueueReason) -> str:
    if reason.source == ReasonSource.CATEGORY.value:
        words = CATEGORY_LABELS.get(reason.code, reason.code)
        score = f", score {reason.score:.2f}" if reason.score is not None else ""
        return f"The model: {words}{score}"
    if reason.source == ReasonSource.REPORT.value:
        return f"A member's report: {REPORT_REASON_LABELS.get(reason.code, reason.code)}"
    if reason.source == ReasonSource.CLUSTER.value:
        return CLUSTER_REASON_LABEL
    if reason.source == ReasonSource.APPEAL.value:
        return "The author's appeal against a decision"
    name = BUILT_IN_RULE_NAMES.get(reason.code) or f"Rule “{reason.code.replace('_', ' ')}”"
    labels = [CATEGORY_LABELS.get(category, category) for category in reason.categories or []]
    return f"{name} ({', '.join(labels)})" if labels else name
