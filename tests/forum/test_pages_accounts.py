"""Registering, logging in and out, and the account page, through the browser pages."""
import pytest

from models import User, db


def _register(client, handle="sunny_day", password="a calm harbour at dusk", confirm=None, accept="y"):
    data = {"handle": handle, "password": password, "confirm": confirm or password}
    if accept:
        data["accept_guidelines"] = accept
    return client.post("/register", data=data)


def test_the_register_page_shows_the_guidelines_and_that_this_is_not_a_crisis_service(client):
    page = client.get("/register").get_data(as_text=True)
    for rule in (
        "No method details",
        "No graphic descriptions of injuries",
        "No numbers, such as stitches, weights",
        "No pictures of injuries",
        "No encouragement or comparison",
        "content note",
        "take a break",
        "not a crisis service",
    ):
        assert rule in page, rule
    assert '<label for="handle">Choose a handle</label>' in page


def test_registering_logs_the_new_member_in_and_records_accepting_the_guidelines(app, client):
    response = _register(client)
    assert response.status_code == 302
    assert "Account (sunny_day)" in client.get("/").get_data(as_text=True)
    with app.app_context():
        user = User.find_by_handle("SUNNY_DAY")
        assert user.guidelines_accepted_at is not None
        assert user.region == "UK" and user.role == "member"
        assert user.password_hash.startswith("scrypt:")


def test_registering_needs_the_guidelines_accepted(client):
    response = _register(client, accept=None)
    assert response.status_code == 200
    assert "Please read and accept the guidelines to join." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"password": "tooshort"}, "Use at least 10 characters."),
        ({"handle": "me"}, "Use 3 to 24 letters, numbers, hyphens or underscores."),
        ({"handle": "has space"}, "Use 3 to 24 letters, numbers, hyphens or underscores."),
        ({"confirm": "something else entirely"}, "The two passwords don&#39;t match."),
    ],
)
def test_registration_problems_are_explained_next_to_the_field(client, kwargs, message):
    response = _register(client, **kwargs)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page


def test_every_registration_problem_shows_on_the_first_try(client):
    page = _register(client, handle="x", password="short", confirm="different", accept=None).get_data(as_text=True)
    for message in (
        "Use 3 to 24 letters",
        "Use at least 10 characters.",
        "The two passwords don&#39;t match.",
        "Please read and accept the guidelines to join.",
    ):
        assert message in page, message


def test_a_taken_handle_is_refused_whatever_its_letter_case(client, make_member):
    make_member("Sunny_Day")
    response = _register(client, handle="sunny_DAY")
    assert "Someone already has that handle." in response.get_data(as_text=True)


def test_logging_in_and_out(client, make_member, log_in):
    make_member("river")
    wrong = log_in(client, "river", "not my password")
    assert "don&#39;t match" in wrong.get_data(as_text=True)
    assert log_in(client, "RIVER").status_code == 302
    assert client.get("/account").status_code == 200
    client.post("/logout")
    assert client.get("/account").status_code == 302


def test_logging_in_follows_next_only_within_the_site(client, make_member, password):
    make_member("river")
    inside = client.post("/login?next=/account", data={"handle": "river", "password": password})
    assert inside.headers["Location"] == "/account"
    client.post("/logout")
    outside = client.post("/login?next=//evil.example/", data={"handle": "river", "password": password})
    assert outside.headers["Location"] == "/"


def test_the_account_page_lists_my_posts_and_lets_me_revoke_app_tokens(app, member_client, api, password):
    member_client.post("/b/introductions/new", data={"title": "Hello all", "body": "Hi!"})
    token = api("POST", "/tokens", {"handle": "willow", "password": password}).get_json()["token"]
    page = member_client.get("/account").get_data(as_text=True)
    assert "willow" in page and "Hello all" in page and "Posted" in page
    assert "Guidelines accepted" in page
    with app.app_context():
        from models import ApiToken

        token_id = db.session.scalar(db.select(ApiToken.id))
    member_client.post(f"/account/tokens/{token_id}/revoke")
    assert api("GET", "/boards/coping/threads", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_members_cannot_revoke_someone_elses_token(client, make_member, api, log_in):
    make_member("river")
    api.as_member("river")
    log_in(client, make_member("maple"))
    assert client.post("/account/tokens/1/revoke").status_code == 404
