"""The crisis flow end to end: the author's calm page, the urgent item, the live alert, and the outbox."""
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from forum.extensions import socketio
from forum.services import escalation
from models import OutboxMessage, Post, QueueItem, Role, db
from models.base import utcnow


def _post_crisis(client, texts):
    return client.post("/b/hard-time/new", data={"title": "Tonight", "body": texts.CRISIS, "submit": "Post"})


def _only(app, model):
    with app.app_context():
        return db.session.scalar(db.select(model))


def _outbox(app):
    with app.app_context():
        return list(db.session.scalars(db.select(OutboxMessage)))


def test_the_author_of_a_crisis_post_is_taken_straight_to_a_calm_page_with_help(app, member_client, texts):
    response = _post_crisis(member_client, texts)
    post = _only(app, Post)
    assert response.status_code == 302 and response.headers["Location"] == f"/crisis/{post.id}"
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "a moderator will look at it soon" in page
    assert "not an emergency service" in page
    assert page.index('href="tel:999"') < page.index("Samaritans")
    assert 'href="tel:116123">Call 116 123' in page and 'href="sms:85258"' in page
    assert 'href="/safety-plan/edit"' in page
    with app.app_context():
        item = db.session.scalar(db.select(QueueItem))
        assert post.status == "held" and item.priority_name == "crisis"


def test_nobody_else_can_open_the_crisis_page_moderators_included(
    app, member_client, moderator_client, make_member, log_in, texts
):
    _post_crisis(member_client, texts)
    post = _only(app, Post)
    other = app.test_client()
    log_in(other, make_member("maple"))
    assert other.get(f"/crisis/{post.id}").status_code == 404
    assert moderator_client.get(f"/crisis/{post.id}").status_code == 404


def test_the_api_gives_the_author_of_a_crisis_post_the_crisis_lines_at_once(member_api, texts):
    member_api("PUT", "/me/preferences", {"region": "US"})
    post = member_api("POST", "/boards/hard-time/threads", {"title": "Tonight", "body": texts.CRISIS}).get_json()["post"]
    names = [resource["name"] for resource in post["crisis_resources"]]
    assert post["status"] == "held" and names[0] == "Emergency services" and "988 Suicide & Crisis Lifeline" in names


def test_an_on_duty_moderator_hears_a_crisis_alert_and_nothing_is_escalated(app, member_client, moderator_client, texts):
    moderator_socket = socketio.test_client(app, namespace="/moderate", flask_test_client=moderator_client)
    moderator_client.post("/moderate/duty", data={"on_duty": "1"})
    _post_crisis(member_client, texts)
    item = _only(app, QueueItem)
    alerts = [event for event in moderator_socket.get_received("/moderate") if event["name"] == "crisis"]
    assert alerts and alerts[0]["args"][0] == {"item_id": item.id, "post_id": item.post_id, "board": "hard-time"}
    assert _outbox(app) == []
    moderator_socket.disconnect("/moderate")


def test_with_nobody_on_duty_the_crisis_is_written_to_the_outbox_and_shown_to_admins(
    app, member_client, moderator_client, make_member, log_in, texts
):
    # A queue page open is not being on duty: the crisis still escalates.
    moderator_socket = socketio.test_client(app, namespace="/moderate", flask_test_client=moderator_client)
    _post_crisis(member_client, texts)
    assert [e["name"] for e in moderator_socket.get_received("/moderate")] == ["item_new", "crisis"]
    item = _only(app, QueueItem)
    [message] = _outbox(app)
    assert message.is_pending and message.payload["item_id"] == item.id
    assert message.payload["queue_url"].endswith(f"/moderate/items/{item.id}")
    assert "goodbye" not in str(message.payload)  # the post's words never leave Harbour
    admin = app.test_client()
    log_in(admin, make_member("keeper", Role.ADMIN))
    page = admin.get("/admin/").get_data(as_text=True)
    assert "Crisis escalations" in page and f"Queue item {item.id}" in page and "Pending" in page
    admin.post(f"/admin/outbox/{message.id}/acknowledge")
    with app.app_context():
        handled = db.session.get(OutboxMessage, message.id)
        assert not handled.is_pending and handled.acknowledged_by.handle == "keeper"


class FlakyReceiver(BaseHTTPRequestHandler):
    """A webhook that fails its first delivery and accepts the next."""

    bodies: list[bytes] = []

    def do_POST(self):
        self.bodies.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(503 if len(self.bodies) == 1 else 204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    FlakyReceiver.bodies = []
    server = HTTPServer(("127.0.0.1", 0), FlakyReceiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/alerts", FlakyReceiver.bodies
    server.shutdown()
    server.server_close()


def test_an_escalation_is_retried_with_a_pause_until_the_webhook_accepts_it(app, member_client, webhook, texts):
    url, bodies = webhook
    _post_crisis(member_client, texts)  # nobody on duty and no sender yet: it waits in the outbox
    app.config["ESCALATION_WEBHOOK"] = url
    now = utcnow()
    with app.app_context():
        assert escalation.deliver_due(now) == (0, 1)
        assert escalation.deliver_due(now + timedelta(seconds=10)) == (0, 0)  # still pausing
        assert escalation.deliver_due(now + timedelta(seconds=31)) == (1, 0)
        assert escalation.deliver_due(now + timedelta(hours=2)) == (0, 0)  # acknowledged: never sent again
        message = db.session.scalar(db.select(OutboxMessage))
        assert not message.is_pending and message.attempts == 2 and "503" in message.last_error
    assert len(bodies) == 2 and json.loads(bodies[1])["event"] == "crisis_escalation"


def test_the_deliver_command_reports_what_it_did(app, member_client, texts):
    _post_crisis(member_client, texts)
    result = app.test_cli_runner().invoke(args=["outbox", "deliver"])
    assert "Outbox: 0 delivered, 1 to try again." in result.output
