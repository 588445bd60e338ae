"""A personal safety plan: written and read by its owner only, on pages and in the API."""
import pytest

from models import Role, SafetyPlan, User

PRIVATE = "When I stop replying to friends"
PLAN = {
    "warning_signs": PRIVATE,
    "things_that_help": "Music and a walk with the dog",
    "people_and_places": "My sister; the library",
    "professionals": "My GP",
    "safer_surroundings": "Ask my sister to come round",
}


def _plan(app, handle):
    with app.app_context():
        plan = SafetyPlan.of(User.find_by_handle(handle))
        return plan.to_dict() if plan else None


def test_a_member_without_a_plan_is_invited_to_start_one(member_client):
    page = member_client.get("/safety-plan").get_data(as_text=True)
    assert "Only you can see this plan" in page and "Start your plan" in page


def test_a_member_writes_their_plan_and_reads_it_back(app, member_client):
    response = member_client.post("/safety-plan/edit", data=PLAN)
    assert response.status_code == 302 and response.headers["Location"].endswith("/safety-plan")
    assert _plan(app, "willow")["things_that_help"] == "Music and a walk with the dog"
    page = member_client.get("/safety-plan").get_data(as_text=True)
    assert PRIVATE in page and "<h2>Things I can do that help</h2>" in page
    assert "My sister; the library" in member_client.get("/safety-plan/edit").get_data(as_text=True)


def test_the_plan_is_reached_from_the_account_page(member_client):
    assert 'href="/safety-plan"' in member_client.get("/account").get_data(as_text=True)


def test_a_section_that_is_too_long_is_refused_kindly(app, member_client):
    response = member_client.post("/safety-plan/edit", data={**PLAN, "professionals": "x" * 5001})
    assert response.status_code == 200
    assert "Please keep this to 5,000 characters." in response.get_data(as_text=True)
    assert _plan(app, "willow") is None


def test_the_plan_pages_need_a_login(client):
    for path in ("/safety-plan", "/safety-plan/edit"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR, Role.ADMIN])
def test_nobody_else_can_read_a_plan_on_any_page_moderators_and_admins_included(
    app, member_client, client, make_member, log_in, role
):
    member_client.post("/safety-plan/edit", data=PLAN)
    member_client.post("/logout")
    log_in(client, make_member("keeper", role))
    for path in ("/safety-plan", "/safety-plan/edit", "/account"):
        assert PRIVATE not in client.get(path).get_data(as_text=True), path
    client.post("/safety-plan/edit", data={"warning_signs": "Mine"})
    assert _plan(app, "willow")["warning_signs"] == PRIVATE


def test_the_api_reads_and_writes_only_the_callers_own_plan(app, api, member_api, make_member):
    empty = member_api("GET", "/me/safety-plan")
    assert empty.status_code == 200 and empty.get_json()["warning_signs"] == ""
    assert empty.get_json()["updated_at"] is None
    saved = member_api("PUT", "/me/safety-plan", {"warning_signs": PRIVATE})
    assert saved.status_code == 200 and saved.get_json()["warning_signs"] == PRIVATE
    assert member_api("PUT", "/me/safety-plan", {"professionals": "My GP"}).get_json()["warning_signs"] == PRIVATE
    moderator = api.as_member(make_member("keeper", Role.MODERATOR))
    assert PRIVATE not in moderator("GET", "/me/safety-plan").get_data(as_text=True)
    assert _plan(app, "keeper") is None


@pytest.mark.parametrize(
    "body, field",
    [({"diary": "x"}, "diary"), ({"warning_signs": 3}, "warning_signs"), ({"professionals": "x" * 5001}, "professionals")],
)
def test_the_api_refuses_an_invalid_plan_with_422(app, member_api, body, field):
    response = member_api("PUT", "/me/safety-plan", body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert _plan(app, "river") is None


def test_the_plan_api_needs_a_token(api):
    assert api("GET", "/me/safety-plan").status_code == 401
    assert api("PUT", "/me/safety-plan", {"warning_signs": "x"}).status_code == 401

