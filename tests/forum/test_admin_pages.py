"""The admin pages: admins only, every form behind CSRF, and each change lands in the audit log."""
import json
import re

import pytest

from forum.services import accounts
from models import AdminAudit, Board, Resource, Role, RuleSetVersion, User, active_ruleset, db
from tests.samples import CALM_TEXT


def _draft_id(admin_client) -> int:
    response = admin_client.post("/admin/rules/drafts")
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_are_refused_every_admin_page(client, make_member, log_in, role):
    log_in(client, make_member("sky", role))
    for path in ("/admin/", "/admin/rules", "/admin/model", "/admin/audit", "/admin/resources", "/admin/boards", "/admin/members"):
        assert client.get(path).status_code == 403, path
    assert client.post("/admin/rules/drafts").status_code == 403


def test_visitors_are_asked_to_log_in(client):
    assert "/login" in client.get("/admin/rules").headers["Location"]


def test_every_admin_form_carries_a_csrf_token(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        accounts.register_member("keeper", "a calm harbour at dusk", role=Role.ADMIN)
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/login", data={"handle": "keeper", "password": "a calm harbour at dusk", "csrf_token": token})
    assert client.post("/admin/rules/drafts").status_code == 400
    for path in ("/admin/rules", "/admin/model", "/admin/resources", "/admin/boards", "/admin/members"):
        html = client.get(path).get_data(as_text=True)
        assert html.count("<form") <= html.count('name="csrf_token"'), path


def test_the_rules_page_marks_the_live_version(admin_client):
    html = admin_client.get("/admin/rules").get_data(as_text=True)
    assert "v1</a> (default-5)" in html and "(live)" in html


def test_an_invalid_draft_shows_the_problem_on_the_field(admin_client):
    draft_id = _draft_id(admin_client)
    document = '{"thresholds": {"numbers": {"hold": 2}}, "rules": [{"id": "x", "kind": "pattern", "match": "(a+)+$", "action": "hold", "reason": "r"}]}'
    response = admin_client.post(f"/admin/rules/{draft_id}", data={"document": document})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "thresholds.numbers.hold: must be a probability between 0 and 1" in html
    assert "rules[0].match: pattern has a repeat inside a repeat" in html
    broken = admin_client.post(f"/admin/rules/{draft_id}", data={"document": "{not json"})
    assert "not valid JSON" in broken.get_data(as_text=True)


def test_try_activate_and_roll_back_on_pages(app, admin_client):
    draft_id = _draft_id(admin_client)
    with app.app_context():
        document = RuleSetVersion.active().document
    rule = {"id": "rainy_days", "kind": "phrase", "match": "rainy tuesday", "action": "hold", "reason": "Rainy days."}
    edited = {k: v for k, v in document.items() if k != "version"} | {"rules": [*document["rules"], rule]}
    assert admin_client.post(f"/admin/rules/{draft_id}", data={"document": json.dumps(edited)}).status_code == 302
    page = admin_client.get(f"/admin/rules/{draft_id}").get_data(as_text=True)
    assert "+      &#34;match&#34;: &#34;rainy tuesday&#34;," in page  # the diff against the active version
    tried = admin_client.post(f"/admin/rules/{draft_id}/try", data={"text": CALM_TEXT}).get_data(as_text=True)
    assert "<mark>rainy tuesday</mark>" in tried
    assert admin_client.post(f"/admin/rules/{draft_id}/activate", data={"note": "Hold rainy days"}).status_code == 302
    with app.app_context():
        assert active_ruleset().version == f"v{RuleSetVersion.active().number}" == "v2"
    first = admin_client.post("/admin/rules/1/activate", data={"note": "Back to the default"})
    assert first.status_code == 302
    with app.app_context():
        assert active_ruleset().version == "default-5"
    audit = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "ruleset.rollback" in audit and "Back to the default" in audit


def test_admins_manage_the_help_directory(app, admin_client):
    service = {"key": "uk-test-line", "name": "Test Line", "region": "UK", "categories": ["crisis"], "phone": "0800 000 0000", "position": 0}
    assert admin_client.post("/admin/resources", data=service).status_code == 302
    bad = admin_client.post("/admin/resources", data={**service, "key": "uk-other", "website": "http://x.org"})
    assert "Use a full https:// address." in bad.get_data(as_text=True)
    with app.app_context():
        resource_id = Resource.find_by_key("uk-test-line").id
    admin_client.post(f"/admin/resources/{resource_id}", data={**service, "hours": "Evenings"})
    admin_client.post(f"/admin/resources/{resource_id}/retire")
    with app.app_context():
        assert Resource.find_by_key("uk-test-line").hours == "Evenings"
        assert Resource.find_by_key("uk-test-line").retired
        assert [e.action for e in AdminAudit.newest_first(3)] == ["resource.retire", "resource.edit", "resource.add"]


def test_admins_create_and_rename_boards_with_a_strictness(app, admin_client):
    data = {"slug": "art", "name": "Art", "description": "", "guidelines": "Be kind.", "strictness": ""}
    assert admin_client.post("/admin/boards", data=data).status_code == 302
    with app.app_context():
        board_id = Board.find_by_slug("art").id
        level = next(iter(active_ruleset().strictness))
    admin_client.post(f"/admin/boards/{board_id}", data={**data, "name": "Art room", "strictness": level})
    refused = admin_client.post(f"/admin/boards/{board_id}", data={**data, "strictness": "extreme"})
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    with app.app_context():
        board = Board.find_by_slug("art")
        assert (board.name, board.strictness) == ("Art room", level)
        assert [e.action for e in AdminAudit.newest_first(2)] == ["board.edit", "board.create"]


def test_a_suspended_member_cannot_log_in_or_use_the_api_until_it_is_lifted(app, admin_client, make_member, api, log_in):
    make_member("river")
    river_api = api.as_member("river")
    with app.app_context():
        river_id = User.find_by_handle("river").id
    admin_client.post(f"/admin/members/{river_id}/role", data={"role": "moderator"})
    admin_client.post(f"/admin/members/{river_id}/suspend", data={"reason": "Shared a phone number after a warning."})
    assert river_api("GET", "/me/preferences").status_code == 401
    token = api.client.post("/api/v1/tokens", json={"handle": "river", "password": "a calm harbour at dusk"})
    assert token.status_code == 403 and "phone number" in token.get_json()["error"]["message"]
    other = app.test_client()
    refused = log_in(other, "river")
    assert refused.status_code == 403 and "Shared a phone number" in refused.get_data(as_text=True)
    admin_client.post(f"/admin/members/{river_id}/reinstate")
    assert log_in(other, "river").status_code == 302
    with app.app_context():
        assert User.find_by_handle("river").role == "moderator"
        actions = [e.action for e in AdminAudit.newest_first(3)]
        assert actions == ["member.reinstate", "member.suspend", "member.role"]


def test_a_logged_in_member_is_logged_out_when_suspended(app, admin_client, make_member, log_in):
    make_member("river")
    member = app.test_client()
    log_in(member, "river")
    with app.app_context():
        river_id = User.find_by_handle("river").id
    admin_client.post(f"/admin/members/{river_id}/suspend", data={"reason": "Repeated unkind replies."})
    assert "/login" in member.get("/account").headers["Location"]


def test_the_overview_leaves_moderators_claims_to_the_full_audit_log(app, admin_client):
    with app.app_context():
        AdminAudit.record(None, "ruleset.activate", "rule set v9", note="an admin change")
        for item in range(12):
            AdminAudit.record(None, "queue.claim", f"queue item {item}", note="a claim")
        db.session.commit()
    overview = admin_client.get("/admin/").get_data(as_text=True)
    assert "rule set v9" in overview and "queue item" not in overview
    assert "queue item 11" in admin_client.get("/admin/audit").get_data(as_text=True)
