"""Admins keep the help directory through the API, every change audited; others get 403."""
import pytest

from models import AdminAudit, Resource, Role

NEW_SERVICE = {
    "key": "uk-harbour-test-line",
    "name": "Test Line",
    "offer": "Someone to talk to.",
    "region": "UK",
    "categories": ["self_harm"],
    "phone": "0800 000 0000",
    "hours": "Evenings",
}


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_cannot_change_the_directory(api, make_member, role):
    caller = api.as_member(make_member("sky", role))
    assert caller("GET", "/admin/resources").status_code == 403
    assert caller("POST", "/admin/resources", NEW_SERVICE).status_code == 403
    assert caller("DELETE", "/admin/resources/1").status_code == 403


def test_an_added_service_is_offered_in_its_region(app, admin_api):
    response = admin_api("POST", "/admin/resources", NEW_SERVICE)
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        assert "uk-harbour-test-line" in [r.key for r in Resource.in_region("UK")]
        assert AdminAudit.newest_first()[0].action == "resource.add"


def test_a_service_with_bad_fields_is_refused_field_by_field(admin_api):
    bad = {**NEW_SERVICE, "region": "Mars", "categories": ["hugs"], "website": "http://example.org", "phone": "call us"}
    fields = admin_api("POST", "/admin/resources", bad).get_json()["error"]["fields"]
    assert set(fields) == {"region", "categories", "website", "phone"}


def test_editing_and_verifying_a_service_is_audited_with_a_diff(app, admin_api):
    resource_id = admin_api("POST", "/admin/resources", NEW_SERVICE).get_json()["id"]
    response = admin_api("PATCH", f"/admin/resources/{resource_id}", {"hours": "Any time", "verified": True})
    assert response.get_json()["hours"] == "Any time"
    with app.app_context():
        edit = next(e for e in AdminAudit.newest_first() if e.action == "resource.edit")
        assert '+  "hours": "Any time",' in edit.diff.splitlines()
        assert AdminAudit.newest_first()[0].action == "resource.verify"


def test_deleting_a_service_retires_it_so_it_is_no_longer_offered(app, admin_api):
    resource_id = admin_api("POST", "/admin/resources", NEW_SERVICE).get_json()["id"]
    assert admin_api("DELETE", f"/admin/resources/{resource_id}").get_json()["retired"] is True
    with app.app_context():
        assert "uk-harbour-test-line" not in [r.key for r in Resource.in_region("UK")]
        assert Resource.find_by_key("uk-harbour-test-line") is not None
