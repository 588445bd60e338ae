"""The declarative base and the database handle shared by every model.

``db`` lives here, not in ``forum``, so that persistence never imports the web
application; ``forum.extensions`` re-exports it for the factory.
"""
import sqlite3
from datetime import datetime, timezone
from functools import cache

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Stable constraint names keep Alembic migrations identical on SQLite (batch
# mode needs names to alter constraints) and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)


def configure_sqlite_connections() -> None:
    """Make SQLite check foreign keys (and run ON DELETE actions) like PostgreSQL, and keep a write-ahead
    log, on every connection.

    SQLite leaves foreign keys off unless each connection asks, so deleting a member could leave orphans.
    In its default journal mode every commit costs several fsyncs (about 3.5 ms here, and a post takes
    three commits between accepted and screened) and blocks readers while it writes; with the
    write-ahead log a commit is one fsync of the log (about 0.15 ms) and pages keep reading meanwhile.
    ``synchronous=FULL`` keeps that fsync, so an accepted post survives a power cut, not only a crash.
    Registered once per process; it touches only SQLite connections.
    """
    if not event.contains(Engine, "connect", _sqlite_pragmas):
        event.listen(Engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        dbapi_connection.execute("PRAGMA synchronous=FULL")


def built_once(build):
    """Decorates a function that builds a statement every request runs, so it is built once per process.

    SQLAlchemy caches the SQL a statement compiles to, but building the statement object and its cache
    key anew costs more than running a small query. The statement takes its values as ``bindparam``
    placeholders, given when it is executed; a builder with arguments (say, the kind of viewer) builds
    one statement for each.
    """
    return cache(build)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UtcDateTime(TypeDecorator):
    """Stores naive UTC, returns aware UTC.

    SQLite keeps no time zone, PostgreSQL would; normalising here means code and
    JSON see the same values on both.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(timezone.utc).replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def isoformat(value: datetime | None) -> str | None:
    """ISO 8601 with a trailing Z, the form the API documents."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
