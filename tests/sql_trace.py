"""The SQL a piece of code runs, for tests that guard what a path costs in queries."""
from contextlib import contextmanager

import sqlalchemy as sa

COMMIT = "COMMIT"


@contextmanager
def recorded_sql(engine: sa.Engine, *, commits: bool = False):
    """Every statement ``engine`` runs inside the block, in order; with ``commits``, also a ``COMMIT`` entry
    where each transaction ended."""
    recorded: list[str] = []

    def on_statement(connection, cursor, statement, *rest):
        recorded.append(statement)

    def on_commit(connection):
        recorded.append(COMMIT)

    listeners = [("before_cursor_execute", on_statement)] + ([("commit", on_commit)] if commits else [])
    for name, listener in listeners:
        sa.event.listen(engine, name, listener)
    try:
        yield recorded
    finally:
        for name, listener in listeners:
            sa.event.remove(engine, name, listener)
