"""Check-in requests and private notes across every role: the member, the moderator who asked, another
moderator, another moderator's supervisor, an admin, and the moderator's own supervisor."""
import pytest

from forum.extensions import socketio
from forum.services.supervision_requests import request_check_in
from models import AdminAudit, Notification, User

THEIR_WORDS = "The goodbye one is still with me."
NOTE = "We talked it through; rest tomorrow and call me if it comes back."


@pytest.fixture
def team(app, care_team, api):
    """The care team (see conftest) with an API client each; "ash" asked for a check-in."""
    with app.app_context():
        request_id = request_check_in(User.find_by_handle("ash"), "stayed_with_me", note=THEIR_WORDS).id
    return {handle: api.as_member(handle) for handle in care_team} | {"request": request_id}


def test_each_role_sees_the_request_as_it_may(team):
    listed = {handle: team[handle]("GET", "/supervision/requests") for handle in ("sage", "thyme", "keeper")}
    assert [(r["moderator"], r["note"]) for r in listed["sage"].get_json()["requests"]] == [("ash", THEIR_WORDS)]
    assert listed["thyme"].get_json()["requests"] == []
    assert [(r["moderator"], r["note"]) for r in listed["keeper"].get_json()["requests"]] == [("ash", None)]
    for handle in ("ash", "birch", "river"):
        assert team[handle]("GET", "/supervision/requests").status_code == 403
    assert team["thyme"]("GET", f"/supervision/requests/{team['request']}").status_code == 404


def test_the_private_note_is_read_by_its_author_and_the_moderator_only(team, app):
    answered = team["sage"]("POST", f"/supervision/requests/{team['request']}/answer", {"note": NOTE})
    assert answered.status_code == 200 and answered.get_json()["private_note"]["body"] == NOTE
    assert team["ash"]("GET", "/me/check-in-requests").get_json()["requests"][0]["private_note"]["body"] == NOTE
    assert team["sage"]("GET", f"/supervision/requests/{team['request']}").get_json()["private_note"]["body"] == NOTE
    keeper_view = team["keeper"]("GET", f"/supervision/requests/{team['request']}")
    assert keeper_view.status_code == 200 and keeper_view.get_json()["private_note"] is None
    assert NOTE not in keeper_view.get_data(as_text=True) and THEIR_WORDS not in keeper_view.get_data(as_text=True)
    assert team["thyme"]("GET", f"/supervision/requests/{team['request']}").status_code == 404
    assert team["birch"]("GET", "/me/check-in-requests").get_json()["requests"] == []
    assert team["river"]("GET", "/me/check-in-requests").status_code == 403
    with app.app_context():
        entries = [e for e in AdminAudit.newest_first(20) if e.action == "supervision.answer"]
        assert len(entries) == 1 and entries[0].actor.handle == "sage"
        assert all(NOTE not in e.note + e.diff for e in AdminAudit.newest_first(50))


def test_only_the_moderators_own_supervisor_writes_the_note_and_a_request_is_answered_once(team):
    path = f"/supervision/requests/{team['request']}"
    assert team["keeper"]("POST", f"{path}/answer", {"note": "Admins' view"}).status_code == 403
    assert team["thyme"]("PUT", f"{path}/note", {"note": "Not mine"}).status_code == 404
    assert team["keeper"]("POST", f"{path}/answer", {}).get_json()["answered_by"] == "keeper"
    assert team["sage"]("POST", f"{path}/answer", {"note": NOTE}).status_code == 409
    assert team["sage"]("PUT", f"{path}/note", {"note": NOTE}).get_json()["private_note"]["body"] == NOTE
    assert team["sage"]("PUT", f"{path}/note", {"note": "  "}).status_code == 422
    assert team["keeper"]("PUT", f"{path}/note", {"note": "Mine now"}).status_code == 403
    assert team["ash"]("POST", f"{path}/answer", {}).status_code == 403


def test_a_request_reaches_the_supervisor_on_call_alone(app, team, log_in):
    sockets = {}
    for handle in ("sage", "keeper", "thyme"):
        client = app.test_client()
        log_in(client, handle)
        sockets[handle] = socketio.test_client(app, namespace="/moderate", flask_test_client=client)
    with app.app_context():
        request_check_in(User.find_by_handle("ash"), "tap_out")
        assert [n.kind for n in Notification.for_user(User.find_by_handle("sage").id)] == ["check_in_request"] * 2
        assert Notification.for_user(User.find_by_handle("keeper").id) == []
    heard = {handle: [e["name"] for e in socket.get_received("/moderate")] for handle, socket in sockets.items()}
    assert heard == {"sage": ["check_in_requested"], "keeper": [], "thyme": []}


def test_on_the_pages_the_note_stays_between_the_supervisor_and_the_moderator(team, client_as):
    page = f"/supervision/requests/{team['request']}"
    sage = client_as("sage")
    assert THEIR_WORDS in sage.get(page).get_data(as_text=True)
    assert sage.post(page, data={"note": NOTE}).status_code == 302
    assert NOTE in sage.get(page).get_data(as_text=True)
    assert NOTE in client_as("ash").get("/moderate/supervision").get_data(as_text=True)
    keeper_page = client_as("keeper").get(page).get_data(as_text=True)
    assert NOTE not in keeper_page and THEIR_WORDS not in keeper_page
    assert client_as("thyme").get(page).status_code == 404
    assert client_as("ash").get(page).status_code == 403  # moderators do not open the supervision pages
    assert client_as("river").get(page).status_code == 403
    assert "An item stayed with them" in sage.get("/supervision/").get_data(as_text=True)
