"""A transaction that wrote nothing ends with COMMIT (PostgreSQL then keeps its prepared statements);
one that wrote and was not committed still ends with ROLLBACK, so nothing half-done is ever kept."""
import pytest
from sqlalchemy import event, select

from models import Board, db, transactions


@pytest.fixture
def endings(app):
    """How each transaction on the app's engine ended, in order: "commit" or "rollback"."""
    seen = []
    with app.app_context():
        engine = db.engine
    listeners = {"commit": lambda connection: seen.append("commit"),
                 "rollback": lambda connection: seen.append("rollback")}
    for name, listener in listeners.items():
        event.listen(engine, name, listener)
    yield seen
    for name, listener in listeners.items():
        event.remove(engine, name, listener)


def _flush_a_draft_board() -> None:
    db.session.add(Board(slug="drafts", name="Drafts", description="Not meant to last", position=99))
    db.session.flush()


def _no_draft_board() -> bool:
    return db.session.scalar(select(Board).where(Board.slug == "drafts")) is None


def test_a_read_only_transaction_ends_with_commit(app, endings):
    with app.app_context():
        assert Board.find_by_slug("coping") is not None
        endings.clear()
        transactions.end_read()
        assert endings == ["commit"]
        transactions.end_read()  # no transaction open: nothing to end
        assert endings == ["commit"]


def test_a_flushed_write_nobody_committed_is_rolled_back(app, endings):
    with app.app_context():
        _flush_a_draft_board()
        endings.clear()
        transactions.end_read()
        assert endings == ["rollback"]
        assert _no_draft_board()


def test_a_change_not_yet_flushed_is_rolled_back(app, endings):
    with app.app_context():
        board = Board.find_by_slug("coping")
        original = board.name
        board.name = "Changed and never committed"
        endings.clear()
        transactions.end_read()
        assert endings == ["rollback"]
        assert Board.find_by_slug("coping").name == original


def test_after_a_commit_the_next_read_only_transaction_commits_again(app, endings):
    with app.app_context():
        db.session.add(Board(slug="kept", name="Kept", description="Committed on purpose", position=98))
        db.session.commit()
        assert Board.find_by_slug("kept") is not None
        endings.clear()
        transactions.end_read()
        assert endings == ["commit"]


def test_at_a_requests_end_what_it_read_stays_readable_after_the_session_closes(app, endings):
    with app.app_context():
        board = Board.find_by_slug("coping")
        endings.clear()
        transactions.commit_if_read_only()
        assert endings == ["commit"]
    assert board.name  # loaded before the commit, still there once detached (not expired)


def test_at_a_requests_end_a_write_nobody_committed_is_left_to_be_rolled_back(app, endings):
    with app.app_context():
        _flush_a_draft_board()
        endings.clear()
        transactions.commit_if_read_only()
        assert endings == []
    with app.app_context():
        assert _no_draft_board()


def test_a_page_view_ends_its_transaction_with_commit(member_client, endings):
    assert member_client.get("/b/coping").status_code == 200
    endings.clear()
    assert member_client.get("/b/coping").status_code == 200
    assert endings and set(endings) == {"commit"}


def test_on_postgresql_page_views_reuse_prepared_statements(app, member_client):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("prepared statements are PostgreSQL's; SQLite has no ROLLBACK that forgets them")
    for _ in range(8):  # psycopg prepares a statement at its fifth use on a connection
        assert member_client.get("/b/coping").status_code == 200
    with app.app_context():
        prepared = db.session.execute(select(db.func.count()).select_from(db.text("pg_prepared_statements")))
        assert prepared.scalar() > 0
