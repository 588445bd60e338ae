"""Redis or the database going away: what can carry on does, what cannot says so with a 503 and help."""
import logging
import uuid

import pytest
import sqlalchemy as sa

from forum.config import REDIS_TIMEOUTS
from forum.extensions import limiter
from forum.services import accounts
from models import QueueItem, db

REDIS = "redis://127.0.0.1:6379/0"
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def limiter_storage_revived():
    """Flask-Limiter remembers a dead storage on its one per-process object; later tests start with it alive."""
    yield
    limiter._storage_dead = False


def _redis_app(make_app, url: str, **limits):
    settings = {"RATELIMIT_KEY_PREFIX": f"harbour-test-{uuid.uuid4().hex}"} | limits
    return make_app(
        REDIS_URL=url, RATELIMIT_STORAGE_URI=url, RATELIMIT_STORAGE_OPTIONS=REDIS_TIMEOUTS, RATELIMIT_ENABLED=True,
        **settings,
    )


def test_with_redis_down_members_log_in_and_post_and_limits_move_to_memory(make_app, password, texts, caplog):
    app = _redis_app(make_app, UNREACHABLE_REDIS, RATELIMIT_LOGIN="3 per minute")
    with app.app_context():
        accounts.register_member("river", password)
    client = app.test_client()
    with caplog.at_level(logging.WARNING, logger="flask-limiter"):
        assert client.post("/login", data={"handle": "river", "password": password}).status_code == 302
    assert "falling back to in-memory storage" in caplog.text
    held = client.post("/b/coping/new", data={"title": "Talk?", "body": texts.CONTACT})  # announced to moderators
    assert held.status_code == 302
    with app.app_context():
        assert db.session.scalars(sa.select(QueueItem)).one()
    others = [app.test_client().post("/login", data={"handle": "river", "password": "wrong"}).status_code for _ in range(3)]
    assert others == [200, 200, 429]  # the in-memory limits still hold


def test_rate_limits_are_kept_in_redis_so_every_process_shares_them(make_app):
    settings = dict(RATELIMIT_REGISTER="2 per minute", RATELIMIT_KEY_PREFIX=f"harbour-test-{uuid.uuid4().hex}")
    first = _redis_app(make_app, REDIS, **settings).test_client()
    body = {"password": "long enough!"}
    assert [first.post("/api/v1/users", json=body | {"handle": f"m{n}x"}).status_code for n in range(2)] == [201, 201]
    restarted = _redis_app(make_app, REDIS, **settings).test_client()  # a new process: nothing left in memory
    assert restarted.post("/api/v1/users", json=body | {"handle": "m3x"}).status_code == 429


@pytest.fixture
def app_without_database(make_app, tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'no-such-folder' / 'harbour.db'}"
    return make_app(seed=False, SQLALCHEMY_DATABASE_URI=unreachable, SQLALCHEMY_ENGINE_OPTIONS={})


def test_an_unreachable_database_is_a_clear_503_page_with_the_help_link(app_without_database):
    response = app_without_database.test_client().get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "isn&#39;t working right now" in page and 'href="/help"' in page


def test_an_unreachable_database_is_a_json_503_in_the_api(app_without_database):
    response = app_without_database.test_client().get("/api/v1/boards")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "unavailable"


def test_a_dead_pooled_connection_is_replaced_not_a_500(app, database, member_api):
    if "Postgres" not in type(database).__name__:
        pytest.skip("needs PostgreSQL (set HARBOUR_TEST_DATABASE_URL): SQLite has no server to drop connections")
    with app.app_context():
        with db.engine.connect() as connection:
            pid = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        with database.admin_engine.begin() as admin:
            admin.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    assert member_api("GET", "/me/preferences").status_code == 200
