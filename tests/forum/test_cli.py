"""The operator commands: init (with the help directory), create-admin, set-role and seed-demo."""
from datetime import timedelta

from sqlalchemy import inspect

from forum.seed import DEFAULT_BOARDS
from models import AdminAudit, Board, Post, PostStatus, QueueItem, Resource, Role, RuleSetVersion, ScreeningRecord, Thread, User, db
from models.base import utcnow
from moderation.rules import RuleSet
from tests.forum.history import item


def test_init_builds_a_new_database_with_migrations_the_default_boards_and_the_active_rule_set(make_app, tmp_path):
    app = make_app(
        seed=False, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path / 'fresh.db'}", SQLALCHEMY_ENGINE_OPTIONS={}
    )
    result = app.test_cli_runner().invoke(args=["init"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert "alembic_version" in inspect(db.engine).get_table_names()
        assert [b.slug for b in Board.ordered()] == [slug for slug, _, _ in DEFAULT_BOARDS]
        assert Resource.in_region("UK")
        assert RuleSetVersion.active().ruleset().version == RuleSet.default().version
    assert "Help services: 0 added" not in result.output
    assert "rule set is stored as version 1" in result.output
    again = app.test_cli_runner().invoke(args=["init"])
    assert "rule set" not in again.output
    assert "0 board(s) added" in again.output
    assert "Help services: 0 added, 0 updated." in again.output


def test_create_admin_reads_the_password_from_stdin(app, password):
    result = app.test_cli_runner().invoke(args=["create-admin", "Keeper", "--password-stdin"], input=password + "\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert User.find_by_handle("keeper").role == Role.ADMIN.value
    taken = app.test_cli_runner().invoke(args=["create-admin", "KEEPER", "--password-stdin"], input=password + "\n")
    assert taken.exit_code != 0 and "taken" in taken.output


def test_create_admin_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(args=["create-admin", "Keeper", "--password-stdin"], input="short\n")
    assert result.exit_code != 0
    assert "at least 10 characters" in result.output


def test_create_admin_prompts_for_the_password(app, password):
    result = app.test_cli_runner().invoke(args=["create-admin", "Keeper"], input=f"{password}\n{password}\n")
    assert result.exit_code == 0, result.output


def test_set_role_changes_a_members_role(app, make_member):
    make_member("river")
    result = app.test_cli_runner().invoke(args=["set-role", "RIVER", "moderator"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert User.find_by_handle("river").is_moderator
    assert app.test_cli_runner().invoke(args=["set-role", "nobody", "admin"]).exit_code != 0
    assert app.test_cli_runner().invoke(args=["set-role", "river", "king"]).exit_code != 0


def test_set_role_is_audited_like_the_members_page_with_no_actor(app, make_member):
    make_member("river")
    assert app.test_cli_runner().invoke(args=["set-role", "river", "moderator"]).exit_code == 0
    with app.app_context():
        entry = AdminAudit.newest_first(1)[0]
        assert (entry.action, entry.target, entry.actor) == ("member.role", "member river", None)
        assert "flask set-role" in entry.note
        assert '-  "role": "member"' in entry.diff and '+  "role": "moderator"' in entry.diff


def test_create_admin_is_audited_with_no_actor(app, password):
    assert app.test_cli_runner().invoke(args=["create-admin", "Keeper", "--password-stdin"], input=password + "\n").exit_code == 0
    with app.app_context():
        entry = AdminAudit.newest_first(1)[0]
        assert (entry.action, entry.target, entry.actor) == ("member.role", "member Keeper", None)
        assert "flask create-admin" in entry.note and '+  "role": "admin"' in entry.diff


def test_seed_demo_adds_a_screened_community_once(app):
    first = app.test_cli_runner().invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    with app.app_context():
        threads = db.session.scalar(db.select(db.func.count(Thread.id)))
        posts = db.session.scalars(db.select(Post)).all()
        members = db.session.scalar(db.select(db.func.count(User.id)))
    assert threads >= 8 and members >= 5 and len(posts) > threads
    # Demo posts pass the engine like any other: published, or held with a queue item (never lost).
    with app.app_context():
        held = db.session.scalars(db.select(Post).where(Post.status != PostStatus.PUBLISHED.value)).all()
        assert all(post.screenings and QueueItem.for_post(post) for post in held)
        assert db.session.scalar(db.select(db.func.count(ScreeningRecord.id))) == len(posts)
    assert len(held) < len(posts) / 4
    second = app.test_cli_runner().invoke(args=["seed-demo"])
    assert "0 thread(s) added" in second.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Thread.id))) == threads


def test_targets_check_alerts_once_and_says_where_it_went(app, make_member):
    make_member("river")
    with app.app_context():
        item("river", utcnow() - timedelta(minutes=28), crisis=True)
    first = app.test_cli_runner().invoke(args=["targets", "check"])
    assert first.exit_code == 0 and "1 alert(s) sent, 0 live to moderators on duty, 1 to the outbox" in first.output
    again = app.test_cli_runner().invoke(args=["targets", "check"])
    assert "0 alert(s) sent" in again.output


def test_supervision_remind_prompts_the_weekly_check_in_once(app, make_member):
    make_member("ash", Role.MODERATOR)
    first = app.test_cli_runner().invoke(args=["supervision", "remind"])
    assert first.exit_code == 0 and "0 session reminder(s), 1 weekly check-in prompt(s) sent" in first.output
    assert "0 weekly check-in prompt(s)" in app.test_cli_runner().invoke(args=["supervision", "remind"]).output
