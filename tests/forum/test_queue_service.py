"""The queue service owns a queue item's life: it announces each change itself once it commits, and
says why an item is here in words, most severe reason first, the same on the pages and in the API."""
import pytest

from forum import live
from forum.extensions import socketio
from forum.services import accounts, posts, queue, training
from forum.services.queue_view import ordered_reasons
from models import Board, QueueItem, Role, User, db

RAW_IDS = ("suicidal_ideation", "imminent_risk", "member.new_member", "builtin.contact", "self_harm_mention")


@pytest.fixture
def probation_app(make_app):
    """An app with the shipped pre-moderation of a new member's first posts."""
    return make_app(SCREENING_RULESET_OVERRIDES={})


def _listen(app, client):
    socket = socketio.test_client(app, namespace="/moderate", flask_test_client=client)
    assert socket.is_connected("/moderate")
    return socket


def _names(socket):
    return [event["name"] for event in socket.get_received("/moderate")]


def _moderator(app, handle="harbourmaster"):
    with app.app_context():
        moderator = accounts.register_member(handle, "a calm harbour at dusk", role=Role.MODERATOR)
        training.record_elsewhere(None, moderator, True)  # a trained moderator, as the queue's pages need
    client = app.test_client()
    client.post("/login", data={"handle": handle, "password": "a calm harbour at dusk"})
    return client


def test_a_decision_made_outside_any_page_still_reaches_moderators_screens(app, moderator_client, make_member, texts):
    socket = _listen(app, moderator_client)
    make_member("willow")
    with app.app_context():
        author, board = User.find_by_handle("willow"), Board.find_by_slug("coping")
        _, post = posts.create_thread(board, author, "Hi", texts.CONTACT)
        item = QueueItem.for_post(post)
        item_id = item.id
        queue.apply_decision(item, User.find_by_handle("harbourmaster"), "approve")  # as a command or a job would
    received = socket.get_received("/moderate")
    assert [event["name"] for event in received] == ["item_new", "item_claimed", "item_decided"]
    assert received[2]["args"][0]["status"] == "resolved" and received[2]["args"][0]["id"] == item_id


def test_nothing_is_announced_for_a_change_that_is_rolled_back(app, moderator_client, make_member, texts):
    make_member("willow")
    with app.app_context():
        author, board = User.find_by_handle("willow"), Board.find_by_slug("coping")
        _, post = posts.create_thread(board, author, "Hi", texts.EVERYDAY)
        socket = _listen(app, moderator_client)
        queue.report_post(post, author, "triggering")
        assert _names(socket) == ["item_new"]
        live.announce(live.ITEM_NEW, QueueItem.for_post(post))
        db.session.rollback()
        db.session.commit()
    assert _names(socket) == []


def test_a_new_members_crisis_post_shows_the_crisis_first_in_words_not_the_probation(probation_app, texts):
    moderator = _moderator(probation_app)
    socket = _listen(probation_app, moderator)
    with probation_app.app_context():
        newcomer = accounts.register_member("sprout", "a calm harbour at dusk")
        _, post = posts.create_thread(Board.find_by_slug("hard-time"), newcomer, "Tonight", texts.CRISIS)
        item = QueueItem.for_post(post)
        reasons = ordered_reasons(item)
        assert reasons[0].crisis and "immediate danger" in reasons[0].label
        assert reasons[-1].label == "New member: their first posts are checked"
        item_id = item.id
    new = next(event for event in socket.get_received("/moderate") if event["name"] == "item_new")["args"][0]
    assert new["crisis"] and "immediate danger" in new["reason_label"] and new["reasons"][0]["crisis"]
    listing = moderator.get("/moderate/").get_data(as_text=True)
    assert "immediate danger" in listing and "New member" not in listing
    page = moderator.get(f"/moderate/items/{item_id}").get_data(as_text=True)
    why = page[page.index("Why it is here"):page.index("Category scores")]
    assert why.index("immediate danger") < why.index("New member")
    assert not any(raw in why for raw in RAW_IDS)


def test_a_crisis_caught_by_the_model_alone_says_why_it_is_here(app, member_client, moderator_client, texts):
    member_client.post("/b/hard-time/new", data={"title": "Tonight", "body": texts.CRISIS})
    with app.app_context():
        item = db.session.scalar(db.select(QueueItem))
        assert all(reason.source == "category" for reason in item.reasons)  # no rule fired
        item_id = item.id
    page = moderator_client.get(f"/moderate/items/{item_id}").get_data(as_text=True)
    why = page[page.index("Why it is here"):page.index("Category scores")]
    assert "The model: someone in immediate danger, score" in why


def test_the_api_gives_the_item_context_the_page_shows(app, api, member_client, moderator_client, texts):
    moderator_api = api.as_member("harbourmaster")
    member_client.post("/b/coping/new", data={"title": "Hi", "body": texts.CONTACT})
    with app.app_context():
        item = db.session.scalar(db.select(QueueItem))
        expected = [reason.label for reason in ordered_reasons(item)]
        item_id = item.id
    context = moderator_api("GET", f"/moderation/items/{item_id}").get_json()
    assert [reason["label"] for reason in context["item"]["reasons"]] == expected
    assert context["post"]["body"] == texts.CONTACT and "approve" in context["item"]["available_decisions"]
    page = moderator_client.get(f"/moderate/items/{item_id}").get_data(as_text=True)
    assert all(label.replace("'", "&#39;") in page for label in expected)
    assert moderator_api("GET", "/moderation/items/999").status_code == 404


def test_every_built_in_rule_has_a_name_for_moderators():
    from moderation.detectors import DETECTORS
    from moderation.messages import BUILT_IN_RULE_NAMES
    from moderation.policy import UNAVAILABLE_RULE_ID
    from moderation.rules import NEW_MEMBER_RULE_ID

    assert {d.rule_id for d in DETECTORS} | {NEW_MEMBER_RULE_ID, UNAVAILABLE_RULE_ID} == set(BUILT_IN_RULE_NAMES)
