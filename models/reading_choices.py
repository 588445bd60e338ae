"""A reader's own choices that change how posts look to them, read together.

Every page of posts needs all three: content-note choices, the members they muted (never moderators,
as ``MemberMute.muted_ids_of`` says) and their word filters. One query brings them, rather than three
round trips that each cost more than their few rows.
"""
from dataclasses import dataclass

from sqlalchemy import String, bindparam, cast, literal, null, select, union_all

from models.base import built_once, db
from models.mutes import MemberMute
from models.preferences import WarningPreference
from models.user import User
from models.word_filters import WordFilter


@dataclass(frozen=True)
class ReadingChoices:
    choices: dict[str, str]
    muted: frozenset[int]
    filters: list[tuple[str, str]]  # (phrase_key, choice), in the order the member added them


def reading_choices_of(member: User) -> ReadingChoices:
    choices, muted, filters = {}, set(), []
    for kind, key, value, position in db.session.execute(_all_choices(), {"member_id": member.id}):
        if kind == "choice":
            choices[key] = value
        elif kind == "muted":
            muted.add(int(key))
        else:
            filters.append((position, key, value))
    return ReadingChoices(choices, frozenset(muted), [(key, value) for _, key, value in sorted(filters)])


@built_once
def _all_choices():
    """(kind, key, value, position) rows; ids travel as text so that every row has the same column types."""
    member_id = bindparam("member_id")
    muted = MemberMute.muted_ids_of(member_id).subquery()
    return union_all(
        select(literal("choice"), WarningPreference.category, WarningPreference.choice, literal(0))
        .where(WarningPreference.user_id == member_id),
        select(literal("muted"), cast(muted.c.muted_id, String), null(), literal(0)),
        select(literal("filter"), WordFilter.phrase_key, WordFilter.choice, WordFilter.id)
        .where(WordFilter.user_id == member_id),
    )
