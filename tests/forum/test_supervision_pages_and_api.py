"""Supervision through the pages and the API, with every role: member, moderator, another moderator,
another moderator's supervisor, admin."""
from datetime import timedelta

import pytest

from models.base import utcnow


@pytest.fixture
def team(care_team, api):
    """An API client per member of the care team (see conftest)."""
    return {handle: api.as_member(handle) for handle in care_team}


def test_a_moderators_check_ins_reach_their_supervisor_and_nobody_else(team):
    assert team["ash"]("PUT", "/me/weekly-check-in", {"heaviness": 4, "note": "Heavy one."}).status_code == 200
    assert team["ash"]("GET", "/me/weekly-check-in").get_json()["weeks"][-1]["note"] == "Heavy one."
    assert team["sage"]("GET", "/supervision/moderators/ash/check-ins").get_json()["weeks"][-1]["heaviness"] == 4
    for other in ("thyme", "keeper", "birch", "river"):
        response = team[other]("GET", "/supervision/moderators/ash/check-ins")
        assert response.status_code == 403 and "Heavy" not in response.get_data(as_text=True)
    assert team["river"]("PUT", "/me/weekly-check-in", {"heaviness": 2}).status_code == 403
    assert team["ash"]("PUT", "/me/weekly-check-in", {"heaviness": 9}).status_code == 422


def test_supervisors_list_their_own_moderators_and_admins_list_all(team):
    assert [m["handle"] for m in team["sage"]("GET", "/supervision/moderators").get_json()["moderators"]] == ["ash"]
    everyone = team["keeper"]("GET", "/supervision/moderators").get_json()["moderators"]
    assert {m["handle"]: m["supervised_by_you"] for m in everyone} == {"ash": False, "birch": False}
    for role in ("ash", "river"):
        assert team[role]("GET", "/supervision/moderators").status_code == 403


def test_admins_assign_supervisors_through_the_api(team):
    assert team["keeper"]("PUT", "/admin/members/ash/supervisor", {"supervisor": "thyme"}).get_json() == {
        "handle": "ash", "supervisor": "thyme", "supervised_by_you": False}
    assert team["keeper"]("PUT", "/admin/members/ash/supervisor", {"supervisor": None}).get_json()["supervised_by_you"]
    assert team["keeper"]("PUT", "/admin/members/ash/supervisor", {}).status_code == 422
    assert team["keeper"]("PUT", "/admin/members/ash/supervisor", {"supervisor": "nobody-here"}).status_code == 422
    assert team["keeper"]("PUT", "/admin/members/nobody-here/supervisor", {"supervisor": None}).status_code == 404
    assert team["sage"]("PUT", "/admin/members/birch/supervisor", {"supervisor": "sage"}).status_code == 403


def test_sessions_through_the_api(team):
    starts = (utcnow() + timedelta(days=2)).isoformat()
    created = team["sage"]("POST", "/supervision/sessions", {"moderator": "ash", "starts_at": starts, "minutes": 30})
    assert created.status_code == 201 and created.get_json()["supervisor"] == "sage"
    session_id = created.get_json()["id"]
    assert team["thyme"]("POST", "/supervision/sessions", {"moderator": "ash", "starts_at": starts}).status_code == 403
    assert team["sage"]("POST", "/supervision/sessions", {"moderator": "ash", "starts_at": "soon"}).status_code == 422
    assert team["sage"]("POST", "/supervision/sessions", {"moderator": "river", "starts_at": starts}).status_code == 422
    assert [s["id"] for s in team["ash"]("GET", "/supervision/sessions").get_json()["sessions"]] == [session_id]
    assert team["birch"]("GET", "/supervision/sessions").get_json()["sessions"] == []
    assert team["river"]("GET", "/supervision/sessions").status_code == 403
    assert team["birch"]("POST", f"/supervision/sessions/{session_id}/cancel").status_code == 404
    assert team["ash"]("POST", f"/supervision/sessions/{session_id}/cancel").get_json()["cancelled_at"]


def test_the_supervision_page_is_for_supervisors_and_admins(team, client_as):
    for handle in ("ash", "river"):
        assert client_as(handle).get("/supervision/").status_code == 403
    page = client_as("sage").get("/supervision/").get_data(as_text=True)
    assert "/supervision/moderators/ash" in page and "/supervision/moderators/birch" not in page
    assert client_as("sage").get("/supervision/moderators/birch").status_code == 404
    admin_page = client_as("keeper").get("/supervision/").get_data(as_text=True)
    assert "/admin/members/ash/supervisor" in admin_page and "/admin/members/birch/supervisor" in admin_page


def test_a_moderators_weekly_check_in_on_the_pages_is_seen_by_their_supervisor_only(team, client_as):
    ash = client_as("ash")
    assert "Your weekly check-in" in ash.get("/moderate/").get_data(as_text=True)
    assert ash.post("/moderate/supervision", data={"heaviness": "3", "energy": "", "note": "Tired but ok."}).status_code == 302
    assert "Your weekly check-in" not in ash.get("/moderate/").get_data(as_text=True)
    assert "Tired but ok." in ash.get("/moderate/supervision").get_data(as_text=True)
    assert "Tired but ok." in client_as("sage").get("/supervision/moderators/ash").get_data(as_text=True)
    admin_view = client_as("keeper").get("/supervision/moderators/ash").get_data(as_text=True)
    assert "Tired but ok." not in admin_view and "between ash and their supervisor" in admin_view


def test_a_supervisor_books_a_session_on_the_page(team, client_as):
    sage = client_as("sage")
    when = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    assert sage.post("/supervision/moderators/ash", data={"starts_at": when, "minutes": "45", "agenda": "Catch up"}).status_code == 302
    assert "Catch up" in client_as("ash").get("/moderate/supervision").get_data(as_text=True)
    assert client_as("thyme").post("/supervision/moderators/ash", data={"starts_at": when, "minutes": "45"}).status_code == 404
