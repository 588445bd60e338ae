"""The declarative base and the database handle shared by every model.

``db`` lives here, not in ``forum``, so that persistence never imports the web
application; ``forum.extensions`` re-exports it for the factory.
"""
import sqlite3
from datetime import datetime, timezone

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


def enforce_sqlite_foreign_keys() -> None:
    """Make SQLite check foreign keys (and run ON DELETE actions) like PostgreSQL, on every connection.

    SQLite leaves them off unless each connection asks, so deleting a member could leave orphans.
    Registered once per process; it touches only SQLite connections.
    """
    if not event.contains(Engine, "connect", _foreign_keys_on):
        event.listen(Engine, "connect", _foreign_keys_on)


def _foreign_keys_on(dbapi_connection, connection_record) -> None:
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


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
