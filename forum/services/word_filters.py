"""Adding and removing a member's own word filters, with the limits that keep them quick to match."""
from sqlalchemy.exc import IntegrityError

from forum import messages
from forum.services import InvalidInput
from models import User, WordFilter, db
from moderation.reading import Choice
from moderation.word_filters import FILTER_CHOICES, FILTERS_MAX, fold, phrase_problem


class FilterExists(ValueError):
    """The member already filters this phrase (compared folded, so "Scars" and "scars" are one)."""


def add_filter(member: User, phrase, choice=Choice.COLLAPSE.value) -> WordFilter:
    """Add one filter, collapsing by default; nothing changes unless the phrase and choice are valid."""
    fields = {}
    problem = phrase_problem(phrase) if isinstance(phrase, str) else messages.WORD_FILTER_NOT_TEXT
    if problem:
        fields["phrase"] = problem
    if choice not in FILTER_CHOICES:
        fields["choice"] = messages.WORD_FILTER_CHOICE
    if not fields and WordFilter.count_of(member) >= FILTERS_MAX:
        fields["phrase"] = messages.WORD_FILTER_LIMIT
    if fields:
        raise InvalidInput(fields)
    key = fold(phrase)
    if WordFilter.find(member, key) is not None:
        raise FilterExists(key)
    word_filter = WordFilter(user_id=member.id, phrase=phrase.strip(), phrase_key=key, choice=choice)
    db.session.add(word_filter)
    try:
        db.session.commit()
    except IntegrityError as race:  # the same phrase, added twice at once
        db.session.rollback()
        raise FilterExists(key) from race
    return word_filter


def remove_filter(member: User, filter_id: int) -> bool:
    """Remove one of the member's own filters; False when they have none with that id."""
    word_filter = db.session.get(WordFilter, filter_id)
    if word_filter is None or word_filter.user_id != member.id:
        return False
    db.session.delete(word_filter)
    db.session.commit()
    return True
