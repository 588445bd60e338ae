"""The moderator queue's operations: enqueue, report, claim and decide.

This module owns the whole life of a queue item. ``available_decisions`` is the
one place that says what a moderator may do with an item, so the pages and the
API always offer the same choices. Every claim won writes an audit row, and
every decision a ``ModerationDecision``: the audit record and the label against
the screening record it judged. Every change is announced to moderators' open
queue pages from here, once it commits (``forum.live``), so a decision made by a
command or a background job reaches their screens like one made on a page.
"""
from datetime import timedelta

from flask import current_app

from forum import live, messages
from forum.rendering import render_markdown
from forum.services import InvalidInput, NotAllowed, duty, queue_shield, training
from moderation.taxonomy import (
    APPEALABLE_DECISIONS, CATEGORIES, DECISIONS, REPORT_REASONS, AppealOutcome, Decision, ReportReason,
)
from models import (
    AdminAudit,
    Appeal,
    ItemKind,
    ItemStatus,
    ModerationDecision,
    Notification,
    Post,
    PostStatus,
    Priority,
    QueueItem,
    QueueReason,
    ReasonSource,
    Report,
    ScreeningRecord,
    User,
    db,
)
from models.audit import AuditAction
from models.base import utcnow


CLUSTER_REASON = "contagion_cluster"


class ItemConflict(Exception):
    """Another moderator holds this item, or it has already been decided; the message says which."""


class AppealNeedsAnother(NotAllowed):
    """The moderator whose decision is appealed may not review the appeal; the message says so."""


STATUS_AFTER = {
    Decision.APPROVE: PostStatus.PUBLISHED,
    Decision.APPROVE_WITH_WARNING: PostStatus.PUBLISHED,
    Decision.EDIT_AND_APPROVE: PostStatus.PUBLISHED,
    Decision.RETURN_TO_AUTHOR: PostStatus.NEEDS_EDIT,
    Decision.REMOVE: PostStatus.REMOVED,
}
# Where a decision an author may appeal leaves their post (the thread page offers the appeal there).
APPEALABLE_STATUSES = tuple(STATUS_AFTER[Decision(d)].value for d in APPEALABLE_DECISIONS)


def is_held_for_moderator(post: Post) -> bool:
    """Whether screening holds the post until a moderator decides (a report alone does not)."""
    item = QueueItem.for_post(post)
    return item is not None and item.status != ItemStatus.RESOLVED.value and item.kind == ItemKind.SCREENING


def enqueue_screening(post: Post, record: ScreeningRecord, *, crisis: bool) -> QueueItem:
    """Add a screening's categories and rule findings as reasons on the post's one item."""
    item = _open_item(post, ItemKind.SCREENING)
    item.kind = ItemKind.SCREENING.value
    for category in record.flagged:
        item.reasons.append(
            QueueReason(source=ReasonSource.CATEGORY.value, code=category, score=record.scores.get(category))
        )
    for finding in record.findings + record.member_rules:
        item.reasons.append(
            QueueReason(
                source=ReasonSource.RULE.value, code=finding["rule_id"], spans=finding["spans"],
                detail=finding["reason"], action=finding["action"], categories=list(finding["categories"]),
            )
        )
    item.raise_priority(Priority.CRISIS if crisis else Priority.ROUTINE)
    live.announce(live.ITEM_NEW, item)
    if crisis:
        live.announce(live.CRISIS, item)
    return item


def enqueue_cluster(anchor: Post, details: list[str]) -> QueueItem:
    """The contagion guard's alert: one item, on the post that began the cluster, with a reason per post in it.

    If that post already waits for a moderator, the cluster's reasons join its item (one item per post).
    """
    item = _open_item(anchor, ItemKind.CLUSTER)
    add_cluster_reasons(item, details)
    live.announce(live.CLUSTER, item)
    return item


def add_cluster_reasons(item: QueueItem, details: list[str]) -> None:
    """Posts joining a cluster are listed on its item as they join."""
    for detail in details:
        item.reasons.append(QueueReason(source=ReasonSource.CLUSTER.value, code=CLUSTER_REASON, detail=detail))
    live.announce(live.ITEM_NEW, item)


def hold_in_cluster(post: Post, detail: str) -> QueueItem:
    """Hold a post that joined an active cluster, as screening holds: a moderator decides, the author is told."""
    item = _open_item(post, ItemKind.SCREENING)
    item.kind = ItemKind.SCREENING.value
    post.status = PostStatus.HELD.value
    add_cluster_reasons(item, [detail])
    db.session.add(Notification(user_id=post.author_id, post_id=post.id, kind=ItemKind.CLUSTER.value,
                                message=messages.CLUSTER_HOLD_NOTICE))
    return item


def release_from_cluster(item: QueueItem) -> None:
    """Undo ``hold_in_cluster`` once its cluster has ended, for a post no moderator has decided on yet."""
    post = item.post
    post.status = PostStatus.PUBLISHED.value
    post.thread.last_activity_at = utcnow()
    close_unattended(item)
    db.session.add(Notification(user_id=post.author_id, post_id=post.id, kind=ItemKind.CLUSTER.value,
                                message=messages.CLUSTER_RELEASE_NOTICE))


def close_unattended(item: QueueItem) -> None:
    """Resolve an item nobody decided, because what it was about has passed (a cluster that ended)."""
    item.status, item.resolved_at = ItemStatus.RESOLVED.value, utcnow()
    item.claimed_by_id = item.claimed_at = item.claim_expires_at = None
    live.announce(live.ITEM_DECIDED, item)


def report_post(post: Post, reporter: User, reason: str, note: str = "") -> tuple[Report, bool]:
    """File a report (once per member per post); returns the report and whether it is new."""
    if reason not in REPORT_REASONS:
        raise InvalidInput({"reason": messages.REPORT_REASON_INVALID})
    existing = Report.find(post, reporter)
    if existing is not None:
        return existing, False
    report = Report(post_id=post.id, reporter_id=reporter.id, reason=reason, note=(note or "").strip()[:1000])
    db.session.add(report)
    item = _open_item(post, ItemKind.REPORT)
    item.reasons.append(QueueReason(source=ReasonSource.REPORT.value, code=reason, detail=report.note))
    item.raise_priority(Priority.WORRY if reason == ReportReason.WORRIED else Priority.ROUTINE)
    live.announce(live.ITEM_NEW, item)
    db.session.commit()
    return report, True


def enqueue_appeal(post: Post, appeal: Appeal) -> QueueItem:
    """Put an appealed post back in the queue, the author's note its reason, for another moderator."""
    item = _open_item(post, ItemKind.APPEAL)
    item.kind = ItemKind.APPEAL.value
    item.reasons.append(QueueReason(source=ReasonSource.APPEAL.value, code=ItemKind.APPEAL.value, detail=appeal.note))
    live.announce(live.ITEM_NEW, item)
    return item


def withdraw_appeal(post: Post) -> None:
    """The author changed the words under appeal: the appeal is withdrawn and its item leaves the queue,
    since the new words are screened afresh (the caller commits)."""
    appeal = Appeal.open_for(post)
    if appeal is None:
        return
    appeal.outcome, appeal.settled_at = AppealOutcome.WITHDRAWN.value, utcnow()
    item = QueueItem.for_post(post)
    if item is not None and item.kind == ItemKind.APPEAL.value and item.status != ItemStatus.RESOLVED.value:
        item.status, item.resolved_at = ItemStatus.RESOLVED.value, utcnow()
        item.claimed_by_id = item.claimed_at = item.claim_expires_at = None
        live.announce(live.ITEM_DECIDED, item)


def waiting_for(moderator: User, **filters):
    """The queue as this moderator is offered it: their filters, less what others on duty cover for them."""
    return QueueItem.waiting(moderator, **filters, leave_out=queue_shield.shield_for(moderator).leave_out())


def counts_for(moderator: User) -> dict[str, int]:
    return QueueItem.counts(moderator, leave_out=queue_shield.shield_for(moderator).leave_out())


def release_claims(moderator: User) -> int:
    """Give every item the moderator holds back to the queue (the caller commits); returns how many."""
    held = claims_of(moderator)
    for item in held:
        item.claimed_by_id = item.claimed_at = item.claim_expires_at = None
        live.announce(live.ITEM_CLAIMED, item)
    if held:
        AdminAudit.record(moderator, AuditAction.QUEUE_RELEASE, f"member {moderator.handle}",
                          note=", ".join(f"queue item {item.id}" for item in held))
    return len(held)


def keep_claims_until(moderator: User, until) -> list[QueueItem]:
    """Hold the moderator's claims for them until ``until`` plus a claim's usual length (a break);
    a crisis item goes back to the queue instead when someone else on duty can take it (the caller commits)."""
    kept, released = [], []
    for item in claims_of(moderator):
        if item.priority == Priority.CRISIS and duty.others_on_duty(moderator):
            item.claimed_by_id = item.claimed_at = item.claim_expires_at = None
            released.append(item)
            live.announce(live.ITEM_CLAIMED, item)
        else:
            item.claim_expires_at = until + timedelta(seconds=current_app.config["QUEUE_CLAIM_SECONDS"])
            kept.append(item)
    if released:
        AdminAudit.record(moderator, AuditAction.QUEUE_RELEASE, f"member {moderator.handle}",
                          note=", ".join(f"queue item {item.id}" for item in released))
    return kept


def claims_of(moderator: User) -> list[QueueItem]:
    statement = db.select(QueueItem).where(
        QueueItem.claimed_by_id == moderator.id, QueueItem.claim_expires_at > utcnow(),
        QueueItem.status != ItemStatus.RESOLVED.value,
    )
    return list(db.session.scalars(statement.order_by(QueueItem.id)))


def available_decisions(item: QueueItem, moderator: User) -> list[str]:
    """What this moderator may decide now; admins also see items escalated to them. Nobody reviews an
    appeal against their own decision."""
    if not moderator.is_moderator or item.status == ItemStatus.RESOLVED.value or _decided_appealed(item, moderator):
        return []
    if item.status == ItemStatus.ESCALATED.value:
        return [d for d in DECISIONS if d != Decision.ESCALATE] if moderator.is_admin else []
    return list(DECISIONS)


def claim_item(item: QueueItem, moderator: User) -> QueueItem:
    """Claim exclusively for QUEUE_CLAIM_SECONDS; raises ItemConflict when someone else has it,
    and TrainingRequired before the moderator's training is done (or while its refresher is overdue).

    A won claim is audited in the claim's own transaction; renewing a claim one
    already holds is not, so deciding after claiming leaves one claim row, not two.
    """
    _check_open_to(item, moderator)
    training.require_training(moderator)
    duty.heartbeat(moderator)
    hold_for = timedelta(seconds=current_app.config["QUEUE_CLAIM_SECONDS"])
    holder_id = None if item.claim_has_expired else item.claimed_by_id
    won = QueueItem.claim(item.id, moderator, hold_for)
    if won and holder_id != moderator.id:
        AdminAudit.record(moderator, AuditAction.QUEUE_CLAIM, f"queue item {item.id}", note=f"post {item.post_id}")
        db.session.expire(item)  # the UPDATE bypassed the session: the announcement must read the new claim
        live.announce(live.ITEM_CLAIMED, item)
    db.session.commit()
    db.session.refresh(item)
    if not won:
        raise ItemConflict(messages.CLAIM_HELD)
    return item


def _check_open_to(item: QueueItem, moderator: User) -> None:
    if item.status == ItemStatus.RESOLVED.value:
        raise ItemConflict(messages.ITEM_DECIDED)
    if _decided_appealed(item, moderator):
        raise AppealNeedsAnother(messages.APPEAL_OTHER_MODERATOR)
    if not available_decisions(item, moderator):
        raise NotAllowed("this item is not yours to act on")


def apply_decision(
    item: QueueItem,
    moderator: User,
    decision: str,
    *,
    warnings: list[str] | None = None,
    body: str | None = None,
    reason: str = "",
    note: str = "",
) -> ModerationDecision:
    """Decide an item the moderator holds (claiming it first if free), with audit and notification."""
    _check_decision(item, moderator, decision, warnings, body, reason)
    claim_item(item, moderator)
    post = item.post
    appeal = Appeal.open_for(post) if item.kind == ItemKind.APPEAL else None
    record = ModerationDecision(
        item_id=item.id,
        post_id=post.id,
        screening_record_id=post.latest_screening.id if post.latest_screening else None,
        moderator_id=moderator.id,
        decision=decision,
        reason=reason or "",
        note=(note or "").strip(),
        status_before=post.status,
        warnings_before=list(post.warnings),
    )
    if decision == Decision.ESCALATE:
        item.status = ItemStatus.ESCALATED.value
    else:
        _apply_to_post(post, moderator, Decision(decision), warnings, body, record, appeal)
        item.status = ItemStatus.RESOLVED.value
        item.resolved_at = utcnow()
    item.claimed_by_id = item.claimed_at = item.claim_expires_at = None
    record.status_after = post.status
    record.warnings_after = list(post.warnings)
    db.session.add(record)
    live.announce(live.ITEM_DECIDED, item)
    db.session.commit()
    return record


def _check_decision(item, moderator, decision, warnings, body, reason) -> None:
    _check_open_to(item, moderator)
    allowed = available_decisions(item, moderator)
    fields = {}
    if decision not in DECISIONS:
        fields["decision"] = messages.DECISION_INVALID
    elif decision not in allowed:
        raise NotAllowed("this decision is not available for this item")
    if warnings is not None and (not isinstance(warnings, list) or not set(warnings) <= set(CATEGORIES)):
        fields["warnings"] = messages.WARNINGS_INVALID
    if decision == Decision.APPROVE_WITH_WARNING and not warnings:
        fields["warnings"] = messages.WARNINGS_REQUIRED
    if decision == Decision.EDIT_AND_APPROVE and not (isinstance(body, str) and body.strip()):
        fields["body"] = messages.EDIT_BODY_REQUIRED
    if reason and reason not in messages.GUIDELINE_REASONS:
        fields["reason"] = messages.DECISION_REASON_INVALID
    if fields:
        raise InvalidInput(fields)


def _apply_to_post(post: Post, moderator: User, decision: Decision, warnings, body, record, appeal) -> None:
    was_published = post.is_published
    if decision == Decision.EDIT_AND_APPROVE:
        record.revision = post.record_revision(body, editor=moderator)
        post.body_html = render_markdown(body)
    if warnings is not None:
        post.warnings = [c for c in CATEGORIES if c in warnings]
    post.status = STATUS_AFTER[decision].value
    if post.is_published and not was_published:
        post.thread.last_activity_at = utcnow()
    kind, message = decision.value, messages.decision_notice(decision, record.reason)
    if appeal is not None:
        outcome = _settle(appeal, record, moderator)
        kind, message = f"appeal_{outcome.value}", messages.appeal_notice(outcome, decision, record.reason)
    if post.is_published != was_published or not post.is_published or appeal is not None:
        db.session.add(Notification(user_id=post.author_id, post_id=post.id, kind=kind, message=message))


def _settle(appeal: Appeal, review: ModerationDecision, moderator: User) -> AppealOutcome:
    """Record the review's outcome on the appeal (overturned when the post is up again), audited."""
    outcome = AppealOutcome.OVERTURNED if appeal.post.is_published else AppealOutcome.UPHELD
    appeal.outcome, appeal.review, appeal.settled_at = outcome.value, review, utcnow()
    AdminAudit.record(moderator, AuditAction.APPEAL_SETTLE, f"appeal {appeal.id}",
                      note=f"post {appeal.post_id}: {outcome.value}")
    return outcome


def _decided_appealed(item: QueueItem, moderator: User) -> bool:
    """Whether ``item`` is an open appeal against a decision ``moderator`` made."""
    if item.kind != ItemKind.APPEAL.value:
        return False
    appeal = Appeal.open_for(item.post)
    return appeal is not None and appeal.decision.moderator_id == moderator.id


def _open_item(post: Post, kind: ItemKind) -> QueueItem:
    """The post's one item, reopened if it was decided before; created if it never existed."""
    item = QueueItem.for_post(post)
    if item is None:
        item = QueueItem(post=post, kind=kind.value, priority=Priority.ROUTINE)
        db.session.add(item)
    elif item.status == ItemStatus.RESOLVED.value:
        # A fresh round: the last round's reasons live on in its screening records and decisions.
        item.reasons.clear()
        item.status, item.resolved_at, item.created_at = ItemStatus.OPEN.value, None, utcnow()
        item.kind, item.priority = kind.value, Priority.ROUTINE
    return item
