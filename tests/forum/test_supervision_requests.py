"""Check-in requests: one service stores, audits and announces them to supervisors only, and only
supervisors (admins, for now) can list them."""
import pytest

from forum.extensions import socketio
from forum.services import InvalidInput, NotAllowed
from forum.services.supervision_requests import own_requests, request_check_in
from models import AdminAudit, SupervisionRequest, User, db


def _listen(app, client):
    socket = socketio.test_client(app, namespace="/moderate", flask_test_client=client)
    assert socket.is_connected("/moderate")
    return socket


def test_a_check_in_request_is_stored_audited_and_told_to_supervisors_only(app, moderator_client, admin_client):
    supervisor_socket, moderator_socket = _listen(app, admin_client), _listen(app, moderator_client)
    with app.app_context():
        moderator = User.find_by_handle("harbourmaster")
        request = request_check_in(moderator, "stayed_with_me", note="  The goodbye one.  ")
        assert (request.kind, request.note, request.answered_at) == ("stayed_with_me", "The goodbye one.", None)
        [entry] = [e for e in AdminAudit.newest_first() if e.action == "supervision.request"]
        assert entry.actor.handle == "harbourmaster" and "stayed_with_me" in entry.note
        assert "goodbye" not in entry.note  # the moderator's words stay between them and their supervisor
    [event] = supervisor_socket.get_received("/moderate")
    assert event["name"] == "check_in_requested"
    assert event["args"][0]["moderator"] == "harbourmaster" and "note" not in event["args"][0]
    assert moderator_socket.get_received("/moderate") == []


def test_bad_kinds_and_notes_are_refused_and_members_cannot_ask(app, moderator_api, make_member):
    make_member("willow")
    with app.app_context():
        moderator = User.find_by_handle("harbourmaster")
        with pytest.raises(InvalidInput) as refused:
            request_check_in(moderator, "bored", note=7)
        assert set(refused.value.fields) == {"kind", "note"}
        with pytest.raises(InvalidInput):
            request_check_in(moderator, "tap_out", note="x" * 2001)
        with pytest.raises(NotAllowed):
            request_check_in(User.find_by_handle("willow"), "tap_out")
        assert db.session.scalar(db.select(db.func.count(SupervisionRequest.id))) == 0


def test_only_supervisors_list_requests(app, api, admin_api, moderator_api, member_api):
    with app.app_context():
        moderator = User.find_by_handle("harbourmaster")
        request_check_in(moderator, "tap_out")
        request_check_in(moderator, "stayed_with_me", note="Still thinking about it.")
        assert [r.kind for r in own_requests(moderator)] == ["stayed_with_me", "tap_out"]
    assert api("GET", "/supervision/requests").status_code == 401
    assert member_api("GET", "/supervision/requests").status_code == 403
    assert moderator_api("GET", "/supervision/requests").status_code == 403
    listed = admin_api("GET", "/supervision/requests")
    assert listed.status_code == 200
    requests = listed.get_json()["requests"]
    assert [(r["moderator"], r["kind"], r["note"]) for r in requests] == [
        ("harbourmaster", "stayed_with_me", "Still thinking about it."), ("harbourmaster", "tap_out", None)]
    assert requests[0]["answered_at"] is None and requests[0]["created_at"].endswith("Z")
