"""Compose-time nudges: the live check behind the compose forms, and "Check my post" without JavaScript."""
import re

from forum.services import accounts
from models import Post, db


def _check(client, text, **extra):
    return client.post("/compose/check", json={"text": text, "board": "coping", **extra})


def _posts(app):
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(Post))


def test_a_draft_with_numbers_is_asked_to_leave_them_out(app, member_client, texts):
    guidance = _check(member_client, texts.NUMBERS).get_json()
    assert guidance["clear"] is False
    assert "leave them out" in guidance["explanation"]
    assert _posts(app) == 0


def test_a_draft_sharing_contact_details_is_told_conversations_stay_here(member_client, texts):
    guidance = _check(member_client, texts.CONTACT).get_json()
    assert guidance["clear"] is False and "conversations stay on Harbour" in guidance["explanation"]


def test_a_draft_about_urges_is_offered_the_matching_content_note_once(member_client, texts):
    guidance = _check(member_client, texts.URGES).get_json()
    assert {"category": "self_harm_mention", "label": "self-harm"} in guidance["suggested_notes"]
    ticked = _check(member_client, texts.URGES, content_notes=["self_harm_mention"]).get_json()
    assert "self_harm_mention" not in [note["category"] for note in ticked["suggested_notes"]]


def test_an_everyday_draft_is_simply_clear(member_client, texts):
    assert _check(member_client, texts.EVERYDAY).get_json()["clear"] is True


def test_a_crisis_draft_gets_help_first_and_is_never_asked_to_label_itself(app, member_client, texts):
    guidance = _check(member_client, "tonight is the night, I've written my goodbye notes").get_json()
    assert guidance["crisis"] is True and guidance["suggested_notes"] == []
    services = guidance["help"]["resources"]
    assert services[0]["is_emergency"] and services[0]["phone_href"] == "tel:999"
    assert any(s["text_href"] for s in services) and guidance["help"]["has_safety_plan"] is False
    assert "a moderator will see it" in guidance["closing"]
    page = member_client.post("/b/hard-time/new", data={
        "title": "Tonight", "body": texts.CRISIS, "check": "Check my post"}).get_data(as_text=True)
    start = page.index('id="compose-guidance"')
    box = page[start:page.index("</form>", start)]
    assert 'href="tel:999"' in box and 'href="sms:85258"' in box and "Write a safety plan" in box
    assert "a moderator will see it" in box and "content note" not in box


def test_a_numbers_draft_hears_the_reason_once_and_is_never_offered_a_numbers_note(member_client, texts):
    guidance = _check(member_client, texts.NUMBERS).get_json()
    assert guidance["explanation"].count("leave them out") == 1
    assert "numbers" not in [note["category"] for note in guidance["suggested_notes"]]


def test_the_check_needs_a_login(client, texts):
    assert client.post("/compose/check", json={"text": texts.URGES}).headers["Location"].startswith("/login")


def test_the_check_needs_a_csrf_token_and_a_draft(make_app, password, texts):
    app = make_app(WTF_CSRF_ENABLED=True)
    client = app.test_client()
    with app.app_context():
        accounts.register_member("oak", password)
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    client.post("/login", data={"handle": "oak", "password": password, "csrf_token": token})
    assert client.post("/compose/check", json={"text": texts.URGES}).status_code == 400
    headers = {"X-CSRFToken": token}
    assert client.post("/compose/check", json={"text": texts.URGES}, headers=headers).status_code == 200
    missing = client.post("/compose/check", json={"draft": 1}, headers=headers)
    assert missing.status_code == 422 and missing.get_json()["error"]["fields"] == {"text": "This field is required."}
    assert client.post("/compose/check", data="not json", headers=headers).status_code == 400


def test_the_live_check_and_the_api_give_one_answer_with_one_error_shape(member_client, member_api, texts):
    for text, board in ((texts.NUMBERS, "coping"), (texts.EVERYDAY, "introductions"), (texts.CRISIS, None)):
        body = {"text": text} | ({"board": board} if board else {})
        assert member_client.post("/compose/check", json=body).get_json() == member_api("POST", "/screen", body).get_json()
    for body in ({"text": "hello", "board": "nowhere"}, {"text": "   "}, {"board": "coping"}):
        page, api = member_client.post("/compose/check", json=body), member_api("POST", "/screen", body)
        assert page.status_code == api.status_code == 422
        assert page.get_json() == api.get_json() and set(page.get_json()["error"]) == {"code", "message", "fields"}


def test_check_my_post_shows_the_guidance_without_posting(app, member_client, texts):
    page = member_client.post("/b/coping/new", data={
        "title": "Rough night", "body": texts.NUMBERS, "check": "Check my post",
    }).get_data(as_text=True)
    assert '<div class="guidance" id="compose-guidance" role="status" aria-live="polite">' in page
    assert "leave them out" in page and "You can still post as it is" in page
    assert texts.NUMBERS in page  # the draft is kept in the form
    assert _posts(app) == 0


def test_the_compose_page_loads_the_live_check_as_a_local_script(member_client):
    page = member_client.get("/b/coping/new").get_data(as_text=True)
    assert '<script src="/static/js/compose.js" defer></script>' in page
    assert 'data-check-url="/compose/check"' in page and 'name="check"' in page
