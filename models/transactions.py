"""Ending a transaction that wrote nothing with COMMIT, so PostgreSQL keeps its prepared statements.

psycopg forgets every statement it prepared on a connection at each ROLLBACK (a rolled-back DROP could
otherwise leave a stale plan), and SQLAlchemy ends with ROLLBACK every transaction nobody committed:
every page view, which only reads. So no statement ever reached psycopg's fifth use, and PostgreSQL
parsed and planned each one afresh, about 0.2 to 0.4 ms of its CPU a statement. For a transaction that
wrote nothing, COMMIT and ROLLBACK leave the same data; COMMIT keeps the prepared statements.

A transaction "wrote" if the session flushed in it, or holds changes it has not flushed yet: those
still end with ROLLBACK, exactly as before.
"""
import logging

from sqlalchemy import event

from models.base import db

_FLUSHED = "harbour.flushed"
log = logging.getLogger(__name__)


def end_read() -> None:
    """End the session's transaction before reading again: COMMIT if it wrote nothing, ROLLBACK otherwise.
    Either way the session's objects are expired, so the next read sees other processes' commits."""
    session = db.session()
    if not session.in_transaction():
        return
    if _wrote(session):
        session.rollback()
    else:
        _commit(session)


def commit_if_read_only() -> None:
    """Before the session closes (end of a request): COMMIT a transaction that wrote nothing. Objects stay
    as they were loaded, as closing leaves them; one that wrote is left to closing, which rolls it back."""
    session = db.session()
    if session.in_transaction() and not _wrote(session):
        expiring, session.expire_on_commit = session.expire_on_commit, False
        try:
            _commit(session)
        finally:
            session.expire_on_commit = expiring


def _wrote(session) -> bool:
    return bool(session.info.get(_FLUSHED) or session.new or session.dirty or session.deleted)


def _commit(session) -> None:
    try:
        session.commit()
    except Exception:  # a connection that died mid-request: nothing to keep, nothing to lose
        log.warning("could not end a read-only transaction; rolling back", exc_info=True)
        session.rollback()


def track_writes() -> None:
    """Note on the session when its current transaction flushes (once per process: events are global)."""
    if not event.contains(db.session, "after_flush", _note_flush):
        event.listen(db.session, "after_flush", _note_flush)
        event.listen(db.session, "after_transaction_end", _forget_flushes)


def _note_flush(session, _flush_context) -> None:
    session.info[_FLUSHED] = True


def _forget_flushes(session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_FLUSHED, None)
