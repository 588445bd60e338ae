"""Everything Harbour holds about a member, in one registry: what the export shows and what deletion does.

Every column that points at ``users.id`` is listed in ``MEMBER_COLUMNS`` with
what happens to its rows (a test fails when a new one is missing, so a new
table cannot be forgotten):

- ``OWNED``: the member's own data (safety plan, preferences, mutes, tokens...):
  in the export, and deleted with the account at once.
- ``AUTHORED``: threads, posts and revisions: in the export; on deletion removed
  or kept under "former member", as the member chooses (``forum.services.erasure``).
- ``ACTED``: a record of something the member did for the community (an audit
  entry, a moderator decision, a claim): kept, attributed to "former member".
- ``UNLINKED``: a link from someone else's row to the member (the supervisor a
  moderator is assigned to): not theirs to export; set to nothing on deletion.

Adding a member-owned table is one line here.
"""
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import Table, select

from models import User, db
from models.base import isoformat


class Handling(str, Enum):
    OWNED = "owned"
    AUTHORED = "authored"
    ACTED = "acted"
    UNLINKED = "unlinked"


@dataclass(frozen=True)
class MemberColumn:
    handling: Handling
    section: str | None = None  # where the export lists these rows; None: bookkeeping, not shown
    secret: tuple[str, ...] = ()  # columns never exported (hashes of secrets)


MEMBER_COLUMNS: dict[tuple[str, str], MemberColumn] = {
    ("safety_plans", "user_id"): MemberColumn(Handling.OWNED, "Your safety plan"),
    ("warning_preferences", "user_id"): MemberColumn(Handling.OWNED, "What you chose to see"),
    ("breaks", "user_id"): MemberColumn(Handling.OWNED, "Your breaks"),
    ("board_mutes", "user_id"): MemberColumn(Handling.OWNED, "Boards you muted"),
    ("thread_mutes", "user_id"): MemberColumn(Handling.OWNED, "Threads you muted"),
    ("member_mutes", "user_id"): MemberColumn(Handling.OWNED, "Members you muted"),
    # Others muting this member: never shown to them (the muted are not told), gone with their account.
    ("member_mutes", "muted_id"): MemberColumn(Handling.OWNED),
    ("word_filters", "user_id"): MemberColumn(Handling.OWNED, "Your word filters"),
    ("notifications", "user_id"): MemberColumn(Handling.OWNED, "Your notifications"),
    ("reports", "reporter_id"): MemberColumn(Handling.OWNED, "Posts you reported"),
    ("appeals", "author_id"): MemberColumn(Handling.OWNED, "Your appeals"),
    ("api_tokens", "user_id"): MemberColumn(Handling.OWNED, "Your app tokens", secret=("token_hash",)),
    ("submissions", "user_id"): MemberColumn(Handling.OWNED),  # retry keys: technical, nothing of their words
    ("member_sessions", "user_id"): MemberColumn(Handling.OWNED, "Where you are logged in", secret=("token_hash",)),
    ("duty_shifts", "moderator_id"): MemberColumn(Handling.OWNED, "Your moderator duty"),
    ("training_completions", "user_id"): MemberColumn(Handling.OWNED, "Your moderator training"),
    ("wellbeing_check_ins", "moderator_id"): MemberColumn(Handling.OWNED, "Your weekly wellbeing check-ins"),
    ("supervision_sessions", "moderator_id"): MemberColumn(Handling.OWNED, "Your supervision sessions"),
    ("exposure_views", "moderator_id"): MemberColumn(Handling.OWNED, "Posts you chose to see as a moderator"),
    ("moderator_breaks", "moderator_id"): MemberColumn(Handling.OWNED, "Your breaks as a moderator"),
    ("category_opt_outs", "moderator_id"): MemberColumn(Handling.OWNED, "Categories you chose not to review"),
    ("supervision_requests", "moderator_id"): MemberColumn(Handling.OWNED, "Your check-in requests"),
    ("threads", "author_id"): MemberColumn(Handling.AUTHORED, "Threads you started"),
    ("posts", "author_id"): MemberColumn(Handling.AUTHORED, "Your posts"),
    ("post_revisions", "editor_id"): MemberColumn(Handling.AUTHORED, "Every version of your posts"),
    ("moderation_decisions", "moderator_id"): MemberColumn(Handling.ACTED),
    ("queue_items", "claimed_by_id"): MemberColumn(Handling.ACTED),
    ("admin_audit", "actor_id"): MemberColumn(Handling.ACTED),
    ("outbox", "acknowledged_by_id"): MemberColumn(Handling.ACTED),
    ("jobs", "created_by"): MemberColumn(Handling.ACTED),
    ("ruleset_versions", "created_by"): MemberColumn(Handling.ACTED),
    ("model_activations", "activated_by"): MemberColumn(Handling.ACTED),
    ("training_completions", "recorded_by_id"): MemberColumn(Handling.ACTED),
    ("supervision_sessions", "supervisor_id"): MemberColumn(Handling.ACTED),
    ("users", "supervisor_id"): MemberColumn(Handling.UNLINKED),
    ("supervision_requests", "answered_by_id"): MemberColumn(Handling.ACTED),
    ("supervision_notes", "author_id"): MemberColumn(Handling.ACTED),
}

ACCOUNT_FIELDS = ("handle", "role", "region", "created_at", "guidelines_accepted_at", "offers_support")


def columns_pointing_at_users() -> set[tuple[str, str]]:
    """Every (table, column) in the schema with a foreign key to ``users.id``."""
    return {
        (table.name, fk.parent.name)
        for table in db.metadata.sorted_tables
        for fk in table.foreign_keys
        if fk.column.table.name == "users"
    }


def export(member: User) -> dict:
    """All the member's own data, section by section, as plain JSON values."""
    data = {"account": {name: _plain(getattr(member, name)) for name in ACCOUNT_FIELDS}}
    for (table_name, column_name), column in MEMBER_COLUMNS.items():
        if column.section is not None:
            data[column.section] = _rows(db.metadata.tables[table_name], column_name, member.id, column.secret)
    return data


def _rows(source: Table, column_name: str, member_id: int, secret: tuple[str, ...]) -> list[dict]:
    shown = [column for column in source.columns if column.name not in secret and column.name != column_name]
    statement = select(*shown).where(source.c[column_name] == member_id).order_by(*source.primary_key.columns)
    return [{name: _plain(value) for name, value in row._mapping.items()} for row in db.session.execute(statement)]


def _plain(value):
    return isoformat(value) if isinstance(value, datetime) else value
