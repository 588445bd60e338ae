"""What an operator meets after a start: demo content a new member can read, an icon, and a loud
warning when crisis escalations have nowhere to go."""
from forum.seed import seed_demo_community
from forum.services import accounts
from models import Board, Role, Thread, db


def test_every_demo_board_including_having_a_hard_time_has_a_thread_members_can_read(app, member_client):
    with app.app_context():
        seed_demo_community()
        for board in Board.ordered():
            assert db.session.scalars(Thread.in_board(board, None)).first() is not None, board.slug
    assert "results day was rough" in member_client.get("/b/hard-time").get_data(as_text=True)


def test_a_favicon_is_served_for_every_page(client):
    assert 'rel="icon" href="/static/favicon.svg"' in client.get("/").get_data(as_text=True)
    assert client.get("/favicon.ico").headers["Location"].endswith("/static/favicon.svg")
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"


def test_the_admin_overview_warns_when_crisis_escalations_go_nowhere(make_app, log_in, password):
    admins = iter(["keeper", "warden", "steward"])

    def overview(**settings) -> str:
        # On PostgreSQL every build shares the test's schema, so each build signs in its own admin.
        app = make_app(**settings)
        handle = next(admins)
        with app.app_context():
            accounts.register_member(handle, password, role=Role.ADMIN)
        client = app.test_client()
        log_in(client, handle)
        return client.get("/admin/").get_data(as_text=True)

    page = overview()
    assert "Crisis escalations go nowhere." in page and "HARBOUR_ESCALATION_WEBHOOK" in page
    assert "Crisis escalations go nowhere." not in overview(ESCALATION_WEBHOOK="https://x.test/h")
    assert "Crisis escalations go nowhere." not in overview(
        ESCALATION_SMTP_HOST="127.0.0.1", ESCALATION_SMTP_TO="duty@example.org")
