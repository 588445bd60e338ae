"""Create the PostgreSQL database a DATABASE_URL names, if it does not exist yet (scripts/start --scaled).

Connects to the server's ``postgres`` database to do it; an existing database is left alone.
"""
import sys

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url


def main(url: str) -> None:
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    name = parsed.database
    conninfo = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the PostgreSQL database {name!r}.")


if __name__ == "__main__":
    main(sys.argv[1])
