"""What the queue leaves out for one moderator so that someone else covers it.

Two reasons: categories the moderator chose not to review, and, past their hard
exposure limit, crisis and graphic items. Either way an item is left out only
while another moderator on duty (and not on a break) would be offered it
themselves: one who has not opted out of any of its categories and, for a
crisis or graphic item, is not past their own hard limit. So two moderators'
choices can never hide an item from both, and with nobody else to take it
everything is still offered: an item nobody sees helps no one.
"""
from dataclasses import dataclass

from sqlalchemy import and_, false, or_, true

from forum import messages
from forum.services import InvalidInput, NotAllowed, exposure
from moderation.taxonomy import CATEGORIES, HARD_LIMIT_CATEGORIES
from models import CategoryOptOut, Priority, QueueItem, User, db


@dataclass(frozen=True)
class Cover:
    """Another moderator on duty, as far as what they would be offered goes."""

    opted_out: frozenset[str]
    past_hard_limit: bool


@dataclass(frozen=True)
class Shield:
    opted_out: frozenset[str]  # the moderator's own choices
    hard_limit: bool  # the moderator is past their hard limit this shift
    others: tuple[Cover, ...]

    @property
    def covered_categories(self) -> list[str]:
        """Opted-out categories someone on duty takes now (what the pages say is left to others)."""
        return [c for c in CATEGORIES if c in self.opted_out and any(c not in o.opted_out for o in self.others)]

    @property
    def hard_items_covered(self) -> bool:
        return self.hard_limit and any(not other.past_hard_limit for other in self.others)

    def leave_out(self):
        """The condition on queue items that ``QueueItem.waiting`` leaves out, or None for nothing."""
        if not self.others or not (self.opted_out or self.hard_limit):
            return None
        hard = or_(QueueItem.priority >= int(Priority.CRISIS), QueueItem.has_any_category(HARD_LIMIT_CATEGORIES))
        mine = or_(QueueItem.has_any_category(self.opted_out), hard if self.hard_limit else false())
        offered_to_someone_else = or_(*(
            and_(~QueueItem.has_any_category(other.opted_out), ~hard if other.past_hard_limit else true())
            for other in self.others
        ))
        return and_(mine, offered_to_someone_else)


def shield_for(moderator: User) -> Shield:
    others = exposure.others_available(moderator)
    theirs = CategoryOptOut.by_moderator(list(others))
    return Shield(
        opted_out=frozenset(CategoryOptOut.of(moderator)),
        hard_limit=bool(others) and exposure.current_load(moderator).hard_reached,
        others=tuple(Cover(frozenset(theirs[other]), past) for other, past in others.items()),
    )


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
