"""Every post and edit passes the engine: each action through the API, failing closed, previews."""
import time

import pytest

import moderation.review
from models import ItemStatus, Post, Priority, QueueItem, ScreeningRecord, db


def _start(caller, body, board="coping"):
    response = caller("POST", f"/boards/{board}/threads", {"title": "This week", "body": body})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["post"]


def _record(app, post_id) -> ScreeningRecord:
    with app.app_context():
        return db.session.scalar(db.select(ScreeningRecord).where(ScreeningRecord.post_id == post_id))


def _item(app, post_id) -> QueueItem | None:
    with app.app_context():
        return db.session.scalar(db.select(QueueItem).where(QueueItem.post_id == post_id))


def _reason_codes(app, post_id) -> list[str]:
    with app.app_context():
        item = db.session.scalar(db.select(QueueItem).where(QueueItem.post_id == post_id))
        return [reason.code for reason in item.reasons]


@pytest.fixture
def newcomer_api(make_app, api_on):
    """A brand-new member on an app with the shipped pre-moderation of first posts."""
    return api_on(make_app(SCREENING_RULESET_OVERRIDES={}), "sprout")


def test_an_everyday_post_is_published_with_its_screening_stored(app, member_api, texts):
    post = _start(member_api, texts.EVERYDAY)
    assert post["status"] == "published" and post["warnings"] == []
    assert post["explanation"] == "Your post follows our guidelines."
    record = _record(app, post["id"])
    assert record.action == "publish" and record.latency_ms > 0
    assert set(record.scores) >= {"self_harm_mention", "imminent_risk"} and record.model_version
    assert _item(app, post["id"]) is None


def test_a_post_about_urges_is_published_behind_a_content_note_with_support(app, member_api, api, make_member, texts):
    post = _start(member_api, texts.URGES)
    assert post["status"] == "published"
    assert "self_harm_mention" in post["warnings"] and "self_harm" in post["signposts"]
    assert "content note" in post["explanation"]
    reader = api.as_member(make_member("maple"))
    seen = reader("GET", f"/posts/{post['id']}").get_json()
    assert seen["warnings"] == post["warnings"] and "explanation" not in seen


def test_numbers_go_back_to_the_author_to_edit_and_only_they_can_see_it(app, member_api, api, make_member, texts):
    post = _start(member_api, texts.NUMBERS)
    assert post["status"] == "needs_edit"
    assert "leave them out" in post["explanation"] and "You can edit it" in post["explanation"]
    assert _item(app, post["id"]) is None
    reader = api.as_member(make_member("maple"))
    assert reader("GET", f"/posts/{post['id']}").status_code == 404
    kinder = "Relapsed last night and I feel ashamed. Trying to be kind to myself today."
    edited = member_api("PATCH", f"/posts/{post['id']}", {"body": kinder})
    assert edited.get_json()["status"] == "published"
    assert reader("GET", f"/posts/{post['id']}").status_code == 200


def test_contact_details_are_held_for_a_moderator_with_the_rule_and_its_words(app, member_api, texts):
    post = _start(member_api, texts.CONTACT)
    assert post["status"] == "held"
    assert post["explanation"].startswith("Your post is waiting for a moderator.")
    item = _item(app, post["id"])
    assert item.status == ItemStatus.OPEN and item.priority == Priority.ROUTINE
    with app.app_context():
        rule = [r for r in db.session.get(QueueItem, item.id).reasons if r.source == "rule"][0]
        assert rule.spans[0]["text"].startswith("ADD ME ON")


def test_a_crisis_post_is_held_with_an_urgent_queue_item(app, member_api, api, make_member, texts):
    post = _start(member_api, texts.CRISIS)
    assert post["status"] == "held"
    assert "crisis" in post["signposts"]
    assert "you don't have to face this alone" in post["explanation"]
    assert _item(app, post["id"]).priority == Priority.CRISIS
    reader = api.as_member(make_member("maple"))
    assert reader("GET", f"/posts/{post['id']}").status_code == 404


def test_a_published_post_edited_into_contact_sharing_is_held_and_queued(app, member_api, texts):
    post = _start(member_api, texts.EVERYDAY)
    edited = member_api("PATCH", f"/posts/{post['id']}", {"body": texts.CONTACT}).get_json()
    assert edited["status"] == "held"
    assert _item(app, post["id"]) is not None
    with app.app_context():
        assert [r.action for r in db.session.get(Post, post["id"]).screenings] == ["publish", "hold"]


def test_an_edit_never_lifts_a_hold_only_a_moderator_does(app, member_api, texts):
    post = _start(member_api, texts.CONTACT)
    edited = member_api("PATCH", f"/posts/{post['id']}", {"body": texts.EVERYDAY}).get_json()
    assert edited["status"] == "held"
    with app.app_context():
        item = db.session.get(QueueItem, _item(app, post["id"]).id)
        assert item.status == ItemStatus.OPEN and [s.action for s in item.post.screenings] == ["hold", "publish"]


def test_new_members_first_posts_wait_for_a_moderator(newcomer_api, texts):
    post = _start(newcomer_api, texts.EVERYDAY)
    assert post["status"] == "held"
    assert "As you're new here" in post["explanation"]
    assert _reason_codes(newcomer_api.client.application, post["id"]) == ["member.new_member"]


@pytest.fixture
def broken_engine(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("model weights missing")

    monkeypatch.setattr(moderation.review, "review_under", broken)


@pytest.fixture
def stuck_engine(monkeypatch):
    def stuck(*args, **kwargs):
        time.sleep(2)
        raise AssertionError("a stuck engine should have been abandoned")

    monkeypatch.setattr(moderation.review, "review_under", stuck)


def _assert_held_unscreened(app, post):
    assert post["status"] == "held"
    assert "our automatic check couldn't run just now" in post["explanation"]
    record = _record(app, post["id"])
    assert record.action == "hold" and record.findings[0]["rule_id"] == "engine.unavailable"
    assert _reason_codes(app, post["id"]) == ["engine.unavailable"]


def test_a_post_is_held_not_published_when_the_engine_raises(app, member_api, texts, broken_engine):
    _assert_held_unscreened(app, _start(member_api, texts.EVERYDAY))


def test_a_post_is_held_not_published_when_the_engine_is_too_slow(app, member_api, texts, stuck_engine):
    app.config["SCREENING_TIMEOUT_S"] = 0.2
    started = time.perf_counter()
    post = _start(member_api, texts.EVERYDAY)
    assert time.perf_counter() - started < 1.5
    _assert_held_unscreened(app, post)


def test_screen_previews_a_draft_without_storing_anything(app, member_api, texts):
    response = member_api("POST", "/screen", {"text": texts.NUMBERS, "board": "coping"})
    assert response.status_code == 200
    preview = response.get_json()
    assert preview["action"] == "edit"
    assert "numbers" in preview["categories"] and preview["findings"][0]["rule_id"] == "builtin.numbers"
    assert "leave them out" in preview["explanation"]
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(ScreeningRecord)) == 0


def test_screen_reports_member_rules_separately_without_changing_the_action(newcomer_api, texts):
    preview = newcomer_api("POST", "/screen", {"text": texts.EVERYDAY}).get_json()
    assert preview["action"] == "publish"
    assert [rule["rule_id"] for rule in preview["member_rules"]] == ["member.new_member"]


def test_screen_needs_a_token_text_and_a_real_board(api, member_api):
    assert api("POST", "/screen", {"text": "hello"}).status_code == 401
    assert member_api("POST", "/screen", {}).status_code == 422
    unknown = member_api("POST", "/screen", {"text": "hello", "board": "nowhere"})
    assert unknown.status_code == 422 and unknown.get_json()["error"]["fields"] == {
        "board": "There is no board with that name."}


def test_screen_is_rate_limited(make_app, api_on):
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_SCREEN="2 per minute", RATELIMIT_TOKEN="100 per minute")
    caller = api_on(app, "sprout")
    statuses = [caller("POST", "/screen", {"text": "Hello there"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_screen_refuses_a_board_that_is_not_text(member_api):
    response = member_api("POST", "/screen", {"text": "hello", "board": 5})
    assert response.status_code == 422 and "board" in response.get_json()["error"]["fields"]
