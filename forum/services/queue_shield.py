"""What the queue leaves out for one moderator so that someone else covers it.

Two reasons, each only while another moderator on duty can take the items:
categories the moderator chose not to review (if at least one other on-duty
moderator has not opted out of that category), and, past their hard exposure
limit, crisis and graphic items. With nobody else on duty everything is still
offered: an item nobody can see helps no one.
"""
from dataclasses import dataclass

from forum import messages
from forum.services import InvalidInput, NotAllowed, duty, exposure
from moderation.taxonomy import CATEGORIES, HARD_LIMIT_CATEGORIES
from models import CategoryOptOut, Priority, User, db


@dataclass(frozen=True)
class Shield:
    opted_out: frozenset[str]  # opted-out categories someone else covers now
    hard_limit: bool  # past the hard limit, with someone else on duty

    def waiting_filters(self) -> dict:
        """The keyword arguments ``QueueItem.waiting`` and ``QueueItem.counts`` take."""
        leave_out = set(self.opted_out) | (set(HARD_LIMIT_CATEGORIES) if self.hard_limit else set())
        return {"leave_out": [c for c in CATEGORIES if c in leave_out],
                "below_priority": Priority.CRISIS if self.hard_limit else None}

    @property
    def is_empty(self) -> bool:
        return not self.opted_out and not self.hard_limit


def shield_for(moderator: User) -> Shield:
    others = {shift.moderator_id for shift in duty.on_duty_now()} - {moderator.id}
    if not others:
        return Shield(frozenset(), False)
    theirs = CategoryOptOut.by_moderator(sorted(others))
    covered = {category for category in CategoryOptOut.of(moderator)
               if any(category not in theirs[other] for other in others)}
    return Shield(frozenset(covered), exposure.current_load(moderator).hard_reached)


def opted_out(moderator: User) -> list[str]:
    chosen = set(CategoryOptOut.of(moderator))
    return [category for category in CATEGORIES if category in chosen]


def set_opt_outs(moderator: User, categories) -> list[str]:
    """Replace the moderator's opted-out categories. Private to them: not audited, as the choice may say
    something about their own health that an audit log has no need to keep."""
    if not moderator.is_moderator:
        raise NotAllowed("only moderators choose what they review")
    if not isinstance(categories, list) or not all(isinstance(c, str) and c in CATEGORIES for c in categories):
        raise InvalidInput({"categories": messages.OPT_OUTS_INVALID})
    db.session.execute(db.delete(CategoryOptOut).where(CategoryOptOut.moderator_id == moderator.id))
    db.session.add_all(CategoryOptOut(moderator_id=moderator.id, category=c) for c in set(categories))
    db.session.commit()
    return opted_out(moderator)
