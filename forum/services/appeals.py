"""Authors appealing a moderator's decision: once per decision, within APPEAL_WINDOW, with a short note.

Filing an appeal keeps the words as they stand and puts the post back in the
queue as an ``appeal`` item, which the moderator who decided cannot take
(``forum.services.queue`` refuses them); its outcome comes back through the
normal decision path, which tells the author and settles the label.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from forum import messages
from forum.services import InvalidInput, NotAllowed, queue
from forum.services.screening import text_of
from models import Appeal, ModerationDecision, Post, User, db
from models.appeals import APPEAL_WINDOW_DAYS, NOTE_MAX_LENGTH
from models.base import utcnow
from moderation.taxonomy import APPEALABLE_DECISIONS

APPEAL_WINDOW = timedelta(days=APPEAL_WINDOW_DAYS)


class AppealRefused(Exception):
    """This decision can't be appealed (again, or any more); the message says why, kindly."""


@dataclass(frozen=True)
class AppealState:
    """What the author may do about their post's latest decision, for the post's page and the API."""

    decision: ModerationDecision | None
    appeal: Appeal | None
    refusal: str | None  # why no appeal can be filed now, in the member's words

    @property
    def can_appeal(self) -> bool:
        return self.refusal is None

    @property
    def open_until(self) -> datetime | None:
        return self.decision.created_at + APPEAL_WINDOW if self.can_appeal else None


def appeal_state(post: Post) -> AppealState:
    decision = _latest_decision(post)
    return AppealState(decision, Appeal.latest_for(post), _refusal(post, decision))


def file_appeal(post: Post, author: User, note) -> Appeal:
    """Appeal the post's latest decision; NotAllowed for anyone but its author, AppealRefused (with the
    reason) when there is nothing to appeal, it was appealed already or the window has closed."""
    if post.author_id != author.id:
        raise NotAllowed("only the author may appeal")
    note = note.strip() if isinstance(note, str) else None
    if not note or len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput({"note": messages.APPEAL_NOTE_INVALID})
    decision = _latest_decision(post)
    refusal = _refusal(post, decision)
    if refusal:
        raise AppealRefused(refusal)
    appeal = Appeal(decision=decision, post=post, author_id=author.id, note=note, original_text=text_of(post))
    db.session.add(appeal)
    queue.enqueue_appeal(post, appeal)
    try:
        db.session.commit()
    except IntegrityError as race:  # the same decision, appealed twice at once
        db.session.rollback()
        raise AppealRefused(messages.APPEAL_ALREADY) from race
    return appeal


def _latest_decision(post: Post) -> ModerationDecision | None:
    return db.session.scalar(
        db.select(ModerationDecision).where(ModerationDecision.post_id == post.id)
        .order_by(ModerationDecision.id.desc()).limit(1)
    )


def _refusal(post: Post, decision: ModerationDecision | None) -> str | None:
    """Why the decision can't be appealed now; None when it can. A decision that settled an appeal is
    final, so one appeal per decision also means no appeal against the review."""
    if decision is None or decision.decision not in APPEALABLE_DECISIONS or post.status != decision.status_after:
        return messages.APPEAL_NOTHING
    if Appeal.touching(decision) is not None:
        return messages.APPEAL_ALREADY
    if utcnow() > decision.created_at + APPEAL_WINDOW:
        return messages.APPEAL_TOO_LATE
    return None
