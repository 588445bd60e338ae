"""A reader's own choices that change what pages show them, read together.

Every page of posts needs them: content-note choices, the members they muted (never moderators, as
``MemberMute.muted_ids_of`` says), the threads and boards they muted, and their word filters. One
query brings them all, rather than a round trip each that costs more than its few rows.
"""
from dataclasses import dataclass

from sqlalchemy import String, bindparam, cast, literal, null, select, union_all

from models.base import built_once, db
from models.mutes import BoardMute, MemberMute, ThreadMute
from models.preferences import WarningPreference
from models.user import User
from models.word_filters import WordFilter


@dataclass(frozen=True)
class ReadingChoices:
    choices: dict[str, str]
    muted: frozenset[int]  # member ids
    filters: list[tuple[str, str]]  # (phrase_key, choice), in the order the member added them
    muted_threads: frozenset[int] = frozenset()
    muted_boards: frozenset[int] = frozenset()


def reading_choices_of(member: User) -> ReadingChoices:
    choices, filters = {}, []
    muted: dict[str, set[int]] = {"member": set(), "thread": set(), "board": set()}
    for kind, key, value, position in db.session.execute(_all_choices(), {"member_id": member.id}):
        if kind == "choice":
            choices[key] = value
        elif kind == "filter":
            filters.append((position, key, value))
        else:
            muted[kind].add(int(key))
    return ReadingChoices(choices, frozenset(muted["member"]), [(key, value) for _, key, value in sorted(filters)],
                          frozenset(muted["thread"]), frozenset(muted["board"]))


@built_once
def _all_choices():
    """(kind, key, value, position) rows; ids travel as text so that every row has the same column types."""
    member_id = bindparam("member_id")
    members = MemberMute.muted_ids_of(member_id).subquery()
    return union_all(
        select(literal("choice"), WarningPreference.category, WarningPreference.choice, literal(0))
        .where(WarningPreference.user_id == member_id),
        select(literal("member"), cast(members.c.muted_id, String), null(), literal(0)),
        select(literal("thread"), cast(ThreadMute.thread_id, String), null(), literal(0))
        .where(ThreadMute.user_id == member_id),
        select(literal("board"), cast(BoardMute.board_id, String), null(), literal(0))
        .where(BoardMute.user_id == member_id),
        select(literal("filter"), WordFilter.phrase_key, WordFilter.choice, WordFilter.id)
        .where(WordFilter.user_id == member_id),
    )
