"""Input no database can hold, or no parser can read, is a 4xx with the usual shape, never a 500."""
import json

import pytest
import sqlalchemy as sa

from forum.services import accounts
from models import db

HUGE = "9223372036854775807"


def _json_text(api, method: str, path: str, text: str):
    """Send ``text`` as the JSON body exactly as written (a lone surrogate needs its escape kept)."""
    headers = {"Authorization": f"Bearer {api.token}", "Content-Type": "application/json"}
    return api.client.open(f"/api/v1{path}", method=method, data=text, headers=headers)


def _thread(member_api) -> int:
    return member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": "Hello"}).get_json()["thread"]["id"]


def test_page_numbers_beyond_any_page_are_a_422_naming_the_field(member_api):
    response = member_api("GET", f"/boards/coping/threads?page={HUGE}")
    assert response.status_code == 422
    assert "page" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("path", ["/posts/2147483648", f"/threads/{HUGE}", f"/posts/{HUGE}9"])
def test_ids_beyond_the_integer_column_are_not_found(member_api, path):
    response = member_api("GET", path)
    assert response.status_code == 404 and response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("path", [f"/b/coping?page={HUGE}", "/p/2147483648", f"/t/{HUGE}"])
def test_pages_answer_huge_numbers_with_harbours_404_and_help(member_client, path):
    response = member_client.get(path)
    assert response.status_code == 404 and 'href="/help"' in response.get_data(as_text=True)


@pytest.mark.parametrize("text", ["nul \x00 here", "\ud800"])
def test_unstorable_text_in_a_post_is_a_422_on_that_field(member_api, text):
    body = json.dumps({"title": "Hi", "body": text})
    response = _json_text(member_api, "POST", "/boards/coping/threads", body)
    assert response.status_code == 422
    assert "can't store" in response.get_json()["error"]["fields"]["body"]


def test_unstorable_text_deep_inside_json_is_found_too(member_api):
    body = json.dumps({"title": "Hi", "body": "Hello", "content_notes": [["\x00"]]})
    response = _json_text(member_api, "POST", "/boards/coping/threads", body)
    assert response.status_code == 422 and "content_notes" in response.get_json()["error"]["fields"]


def test_a_nul_in_a_slug_or_handle_finds_nothing_and_logs_nobody_in(member_api, client):
    assert member_api("GET", "/boards/cop%00ing/threads").status_code == 404
    token = client.post("/api/v1/tokens", json={"handle": "riv\x00er", "password": "whatever it is"})
    assert token.status_code == 422 and "handle" in token.get_json()["error"]["fields"]
    page = client.post("/login", data={"handle": "riv\x00er", "password": "whatever it is"})
    assert page.status_code == 400 and 'href="/help"' in page.get_data(as_text=True)


def test_content_notes_that_are_not_text_are_a_422(member_api):
    response = member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": "Hello", "content_notes": [{}]})
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["content_notes"] == "Choose content notes from the list."


def test_json_nested_deeper_than_any_parser_goes_is_a_400(member_api):
    thread_id = _thread(member_api)
    response = _json_text(member_api, "POST", f"/threads/{thread_id}/posts", "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "bad_request"


def test_a_failed_transaction_still_gets_harbours_error_page_with_help(make_app, log_in, password):
    """After a statement fails (PostgreSQL then refuses every query until a rollback), the 500 page
    must still draw, logged-in header and all."""
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/broken-for-test")
    def broken():
        try:
            db.session.execute(sa.text("SELECT CAST('not a number' AS INTEGER) + 1/0"))
        except sa.exc.DBAPIError:
            pass
        raise RuntimeError("a bug after a failed statement")

    with app.app_context():
        accounts.register_member("willow", password)
    client = app.test_client()
    log_in(client, "willow")
    response = client.get("/broken-for-test")
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Get help now" in page and "willow" in page  # Harbour's own page, the member's header included
