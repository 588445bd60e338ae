"""Fixtures shared by every test room: an app on a fresh, migrated database per test.

SQLite (default): the migrations run once into a template file, which each test
copies, so every test starts from a schema built by Alembic, never create_all.
PostgreSQL (HARBOUR_TEST_DATABASE_URL set): the migrations run once into a
schema private to this run (harbour_test_<random>); each test empties the
tables afterwards, and the schema is dropped at the end.
"""
import os
import shutil
import uuid

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from forum import create_app
from forum.seed import ensure_active_ruleset, ensure_default_boards, ensure_resources, ensure_training_module
from forum.services import accounts, posts, training
from moderation.taxonomy import Category
from models import Board, ItemKind, Priority, QueueItem, QueueReason, ReasonSource, Role, User, db

TEST_SETTINGS = {
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "RATELIMIT_STORAGE_URI": "memory://",
    "REDIS_URL": None,
    "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",  # fast hashing; production uses the strong default
    # Members made by fixtures post straight away; tests of pre-moderation switch it back on.
    "SCREENING_RULESET_OVERRIDES": {"new_member_hold": 0},
    # A busy test machine must not turn ordinary posts into fail-closed holds; those tests set their own.
    "SCREENING_TIMEOUT_S": 60,
    # Each accepted post is screened in the test's own thread right after its commit: deterministic.
    # Tests of the worker threads and of recovery set their own.
    "SCREENING_WORKERS": 0,
    # Tests that give the app a Redis (rate limits, live events) still screen in-process unless they say so.
    "SCREENING_ON_RQ": False,
    # Crisis escalations stay in the outbox unless a test gives them somewhere to go.
    "ESCALATION_WEBHOOK": None,
    "ESCALATION_SMTP_HOST": None,
}

PASSWORD = "a calm harbour at dusk"


class SqliteTemplate:
    """Migrate once, copy the file per test."""

    def __init__(self, directory):
        self.template = directory / "template.db"
        app = create_app(TEST_SETTINGS | {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{self.template}"})
        with app.app_context():
            upgrade()
            db.engine.dispose()

    def settings(self, tmp_path) -> dict:
        database = tmp_path / "harbour.db"
        shutil.copyfile(self.template, database)
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}"}

    def reset(self) -> None:
        """Nothing to do: the next test copies the template again."""

    def close(self) -> None:
        """Nothing to do: pytest removes its temporary folders."""


class PostgresSchema:
    """Migrate once into a schema private to this run, empty the tables after each test."""

    def __init__(self, url: str):
        self.url = url
        self.schema = f"harbour_test_{uuid.uuid4().hex[:12]}"
        self.admin_engine = sa.create_engine(url)
        with self.admin_engine.begin() as connection:
            connection.execute(sa.text(f'CREATE SCHEMA "{self.schema}"'))
        app = create_app(TEST_SETTINGS | self.settings(None))
        with app.app_context():
            upgrade()
            self.tables = [table.name for table in db.metadata.sorted_tables]
            db.engine.dispose()

    def settings(self, tmp_path) -> dict:
        return {
            "SQLALCHEMY_DATABASE_URI": self.url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={self.schema}"}},
        }

    def reset(self) -> None:
        names = ", ".join(f'"{self.schema}"."{table}"' for table in self.tables)
        with self.admin_engine.begin() as connection:
            connection.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))

    def close(self) -> None:
        with self.admin_engine.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA "{self.schema}" CASCADE'))
        self.admin_engine.dispose()


@pytest.fixture
def password() -> str:
    """The password every member made by these fixtures has."""
    return PASSWORD


@pytest.fixture(scope="session")
def database(tmp_path_factory):
    url = os.environ.get("HARBOUR_TEST_DATABASE_URL", "").strip()
    if url:
        strategy = PostgresSchema(url)
    else:
        strategy = SqliteTemplate(tmp_path_factory.mktemp("template"))
    yield strategy
    strategy.close()


@pytest.fixture
def make_app(database, tmp_path, monkeypatch):
    """Build apps on this test's database (with the default boards, help services, active rule set and
    training module unless ``seed=False``); pass settings to change them, e.g. ``make_app(WTF_CSRF_ENABLED=True)``."""
    monkeypatch.setenv("HARBOUR_INSTANCE_PATH", str(tmp_path / "instance"))
    built = []

    def build(seed: bool = True, **overrides):
        app = create_app(TEST_SETTINGS | database.settings(tmp_path) | overrides)
        if seed:
            with app.app_context():
                ensure_default_boards()
                ensure_resources()
                ensure_active_ruleset()
                ensure_training_module()
        built.append(app)
        return app

    yield build
    for app in built:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    database.reset()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make_member(app):
    """Create a member (or moderator/admin) directly; returns their handle.

    Moderators and admins come trained (recorded as done elsewhere), as the queue's tests mean them;
    tests of the training gate pass ``trained=False``.
    """

    def create(handle: str, role: Role = Role.MEMBER, *, trained: bool = True) -> str:
        with app.app_context():
            member = accounts.register_member(handle, PASSWORD, role=role)
            if trained and member.is_moderator:
                training.record_elsewhere(None, member, True)
            return member.handle

    return create


class ApiClient:
    """JSON calls to /api/v1 with an optional bearer token."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token

    def __call__(self, method: str, path: str, json=None, **kwargs):
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return self.client.open(f"/api/v1{path}", method=method, json=json, headers=headers, **kwargs)

    def as_member(self, handle: str, password: str = PASSWORD) -> "ApiClient":
        response = self.client.post("/api/v1/tokens", json={"handle": handle, "password": password})
        assert response.status_code == 201, response.get_json()
        return ApiClient(self.client, response.get_json()["token"])


@pytest.fixture
def api(client):
    return ApiClient(client)


@pytest.fixture
def admin_api(api, make_member):
    """An API client logged in as the admin "keeper"."""
    return api.as_member(make_member("keeper", Role.ADMIN))


@pytest.fixture
def admin_client(client, make_member, log_in):
    """A page client logged in as the admin "keeper"."""
    log_in(client, make_member("keeper", Role.ADMIN))
    return client


@pytest.fixture
def member_api(api, make_member):
    """An API client logged in as the member "river"."""
    return api.as_member(make_member("river"))


@pytest.fixture
def log_in():
    def post_login(client, handle: str, password: str = PASSWORD):
        return client.post("/login", data={"handle": handle, "password": password})

    return post_login


@pytest.fixture
def client_as(app, log_in):
    """A new page client logged in as ``handle`` (an account made beforehand, e.g. with ``make_member``)."""

    def build(handle: str):
        client = app.test_client()
        log_in(client, handle)
        return client

    return build


@pytest.fixture
def member_client(client, make_member, log_in):
    """A browser client logged in as the member "willow"."""
    log_in(client, make_member("willow"))
    return client


def page_text(response) -> str:
    """A page's text, for asserting on what a member sees."""
    return response.get_data(as_text=True)


@pytest.fixture
def moderator_client(app, make_member, log_in):
    """A second browser client, logged in as the (trained) moderator "harbourmaster"."""
    client = app.test_client()
    log_in(client, make_member("harbourmaster", Role.MODERATOR))
    return client


@pytest.fixture
def moderator_api(api, make_member):
    """An API client logged in as the moderator "harbourmaster"."""
    return api.as_member(make_member("harbourmaster", Role.MODERATOR))


@pytest.fixture
def river_and_maple(app, make_member):
    """Two members, "river" and "maple", and the coping board, inside an app context."""
    make_member("river")
    make_member("maple")
    with app.app_context():
        yield {"board": Board.find_by_slug("coping"), "river": User.find_by_handle("river"),
               "maple": User.find_by_handle("maple")}


class Posts:
    """Clear-cut forum posts for each screening outcome; described, never instructive."""

    EVERYDAY = "We baked bread at my nan's today and it actually rose. Small wins!"
    URGES = "The urges to self harm have been really strong this week and I don't know who to talk to."
    NUMBERS = "Relapsed last night after four months. The doctor said I needed 12 stitches and I feel ashamed."
    CONTACT = "ADD ME ON 1NSTA if u wanna talk x"
    CRISIS = "I've written my goodbye letters and I'm going to end it tonight."


@pytest.fixture
def texts() -> type[Posts]:
    return Posts


@pytest.fixture
def api_on():
    """An API client for a member newly registered on another app built by ``make_app``."""

    def build(app, handle: str) -> ApiClient:
        with app.app_context():
            accounts.register_member(handle, PASSWORD)
        return ApiClient(app.test_client()).as_member(handle)

    return build


class ContagionHistory:
    """A seeded day of posts for the contagion guard, written like real posts but never instructive.

    ``BURST``: members taking up one (made-up) "challenge" in different threads. ``COMPARING``: replies in
    one thread comparing injuries. ``DISTRESSED`` and ``EVERYDAY``: posts that must not cluster, including
    hard days that are each about something different.
    """

    BURST = [
        "I did the red thread challenge everyone is posting about. I regret it and I don't know why I went along with it.",
        "My friend did the red thread challenge from that video last night and showed me the mark. Part of me wants to try it too.",
        "Ok so I did the red thread challenge too. Everyone in my year has done it and it felt like fitting in.",
        "Everyone keeps talking about the red thread challenge. I did it after watching the videos and I don't even know why.",
    ]
    COMPARING_OPENING = "Bad night, I hurt myself again and I feel awful about it."
    COMPARING = [
        "Mine are worse than that tbh, yours are nothing",
        "lol mine are way deeper than yours",
        "Same here, I do it the same way you described, mine were worse though",
    ]
    DISTRESSED = [
        "The urges to self harm have been really strong this week and I don't know who to talk to.",
        "I feel so alone since my parents split up. Nobody at home notices anything.",
        "Relapsed after three months clean and I feel like such a failure.",
        "Some days I wonder what the point of anything is.",
        "My scars are healing and I still hate wearing short sleeves in summer.",
    ]
    SUPPORTIVE = "I'm so sorry you're going through this. Have you been able to talk to anyone?"
    EVERYDAY = [
        "We baked bread at my nan's today and it actually rose. Small wins!",
        "Does anyone have tips for revising when you can't focus? Exams start next week.",
        "Just finished my first 5k, so proud of myself!",
        "My cat knocked my coffee over my notes this morning lol",
    ]


@pytest.fixture
def contagion_history() -> type[ContagionHistory]:
    return ContagionHistory
@pytest.fixture
def make_item(app, make_member):
    """Queue items built directly, as screening would leave them, so a test chooses their categories exactly;
    the posts are by "fern"."""
    make_member("fern")

    def build(*categories: Category, crisis: bool = False) -> int:
        with app.app_context():
            _, post = posts.create_thread(Board.find_by_slug("coping"), User.find_by_handle("fern"), "A hard week",
                                          "It has been a long week and I wanted to talk about it here.")
            item = QueueItem(post=post, kind=ItemKind.SCREENING.value,
                             priority=Priority.CRISIS if crisis else Priority.ROUTINE)
            item.reasons = [QueueReason(source=ReasonSource.CATEGORY.value, code=c.value, score=0.9)
                            for c in categories]
            db.session.add(item)
            db.session.commit()
            return item.id

    return build
