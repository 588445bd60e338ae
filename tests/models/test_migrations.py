"""The migrations build exactly the schema the models describe, and can be undone."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from models import db


def _differences(app):
    with app.app_context(), db.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), db.metadata)


def test_the_migrated_test_database_matches_the_models(app):
    assert _differences(app) == []


def test_migrations_go_down_to_nothing_and_back_up(make_app, tmp_path):
    app = make_app(
        seed=False, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'roundtrip.db'}", SQLALCHEMY_ENGINE_OPTIONS={}
    )
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert inspect(db.engine).get_table_names() == ["alembic_version"]
        upgrade()
    assert _differences(app) == []
