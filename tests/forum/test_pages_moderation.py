"""The screening outcome on the pages, reports, notifications, and the /moderate queue and item pages."""
import re

from forum.extensions import socketio
from models import ModerationDecision, Post, QueueItem, Role, db


def _start(client, body, board="coping", title="Tonight"):
    return client.post(f"/b/{board}/new", data={"title": title, "body": body}, follow_redirects=True)


def _only(app, model):
    with app.app_context():
        return db.session.scalar(db.select(model))


def test_the_author_is_told_kindly_and_at_once_why_a_post_waits(app, member_client, texts):
    page = _start(member_client, texts.CONTACT).get_data(as_text=True)
    assert "Your post is waiting for a moderator." in page
    assert "conversations stay on Harbour" in page
    assert "Waiting for a moderator" in page  # the status label on the post itself


def test_a_post_with_a_content_note_says_so_when_it_goes_up(member_client, texts):
    page = _start(member_client, texts.URGES).get_data(as_text=True)
    assert "content note (self-harm" in page


def test_an_everyday_post_just_goes_up(member_client, texts):
    assert "Thanks for sharing. Your post is up." in _start(member_client, texts.EVERYDAY).get_data(as_text=True)


def test_other_members_cannot_see_a_held_crisis_post(app, member_client, make_member, log_in, texts):
    _start(member_client, texts.CRISIS)
    post = _only(app, Post)
    other = app.test_client()
    log_in(other, make_member("maple"))
    assert other.get(f"/t/{post.thread_id}").status_code == 404
    assert other.get(f"/p/{post.id}").status_code == 404


def test_members_can_report_from_the_thread_page_once(app, member_client, make_member, log_in, texts):
    _start(member_client, texts.EVERYDAY)
    post = _only(app, Post)
    reader = app.test_client()
    log_in(reader, make_member("maple"))
    page = reader.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert f'action="/p/{post.id}/report"' in page and "I&#39;m worried about the person who wrote it" in page
    first = reader.post(f"/p/{post.id}/report", data={"reason": "worried"}, follow_redirects=True)
    assert "Thank you for telling us." in first.get_data(as_text=True)
    again = reader.post(f"/p/{post.id}/report", data={"reason": "worried"}, follow_redirects=True)
    assert "already reported" in again.get_data(as_text=True)
    assert "Please choose a reason" in reader.post(f"/p/{post.id}/report", follow_redirects=True).get_data(as_text=True)
    with app.app_context():
        item = db.session.scalar(db.select(QueueItem))
        assert item.priority_name == "worry" and [r.code for r in item.reasons] == ["worried"]


def test_members_are_refused_the_queue_and_strangers_are_asked_to_log_in(app, client, member_client):
    assert member_client.get("/moderate/").status_code == 403
    assert member_client.get("/moderate/items/1").status_code == 403
    assert member_client.post("/moderate/items/1/claim").status_code == 403
    assert member_client.post("/moderate/items/1/decision", data={"decision": "approve"}).status_code == 403
    assert app.test_client().get("/moderate/").headers["Location"].startswith("/login")


def test_the_queue_page_lists_crisis_first_with_counts_and_filters(app, member_client, moderator_client, texts):
    _start(member_client, texts.CONTACT, title="Contact")
    _start(member_client, texts.CRISIS, board="hard-time", title="Crisis")
    page = moderator_client.get("/moderate/").get_data(as_text=True)
    rows = re.findall(r'class="queue-item priority-(\w+)"', page)
    assert rows == ["crisis", "routine"]
    assert 'data-count="crisis">1<' in page and 'data-count="routine">1<' in page
    assert 'src="/static/js/socket.io.min.js"' in page and "<script>" not in page
    filtered = moderator_client.get("/moderate/?board=coping").get_data(as_text=True)
    assert re.findall(r'class="queue-item priority-(\w+)"', filtered) == ["routine"]
    assert "Moderation queue" in moderator_client.get("/").get_data(as_text=True)  # header link


def test_the_item_page_blurs_the_post_and_shows_why_with_highlights(app, member_client, moderator_client, texts):
    _start(member_client, texts.EVERYDAY, title="Bread")
    post_id = _only(app, Post).id
    thread_id = _only(app, Post).thread_id
    member_client.post(f"/t/{thread_id}/reply", data={"body": texts.CONTACT})
    item = _only(app, QueueItem)
    page = moderator_client.get(f"/moderate/items/{item.id}").get_data(as_text=True)
    assert 'class="reveal-toggle"' in page and 'class="post-text sensitive"' in page
    assert "<mark>ADD ME ON" in page and "Invitation to talk elsewhere (contact details)" in page
    assert "builtin.contact" not in page.split("Category scores")[0]
    assert 'class="sensitive" id="body"' in page  # the edit box blurs the words too
    assert "Earlier in the thread (1)" in page and "nan" in page
    assert 'data-shortcut="a"' in page and 'value="escalate"' in page
    assert "No earlier decisions." in page
    assert item.post_id != post_id
    assert moderator_client.get("/moderate/items/999").status_code == 404


def test_deciding_from_the_item_page_notifies_the_author(app, member_client, moderator_client, texts):
    _start(member_client, texts.CONTACT)
    item = _only(app, QueueItem)
    claimed = moderator_client.post(f"/moderate/items/{item.id}/claim", follow_redirects=True)
    assert "Claimed by harbourmaster" in claimed.get_data(as_text=True)
    response = moderator_client.post(
        f"/moderate/items/{item.id}/decision",
        data={"decision": "return_to_author", "reason": "contact_sharing", "note": "asked to remove handle"},
        follow_redirects=True,
    )
    assert "Done: Return to author." in response.get_data(as_text=True)
    assert _only(app, ModerationDecision).decision == "return_to_author"
    header = member_client.get("/").get_data(as_text=True)
    assert "(1 new)" in header
    notices = member_client.get("/notifications").get_data(as_text=True)
    assert "A moderator has returned your post" in notices
    assert "(1 new)" not in notices  # the page that marked them read says so in its own header
    assert "(1 new)" not in member_client.get("/").get_data(as_text=True)


def test_a_second_moderator_cannot_decide_what_another_has_claimed(
    app, member_client, moderator_client, make_member, log_in, texts
):
    _start(member_client, texts.CONTACT)
    item = _only(app, QueueItem)
    moderator_client.post(f"/moderate/items/{item.id}/claim")
    other = app.test_client()
    log_in(other, make_member("lighthouse", Role.MODERATOR))
    page = other.post(f"/moderate/items/{item.id}/claim", follow_redirects=True).get_data(as_text=True)
    assert "Another moderator is looking at this item." in page
    refused = other.post(f"/moderate/items/{item.id}/decision", data={"decision": "approve"}, follow_redirects=True)
    assert "Another moderator is looking at this item." in refused.get_data(as_text=True)
    empty_edit = moderator_client.post(
        f"/moderate/items/{item.id}/decision", data={"decision": "edit_and_approve", "body": ""}, follow_redirects=True
    )
    assert "Write the edited post." in empty_edit.get_data(as_text=True)


def test_moderators_hear_new_claimed_and_decided_items_live(app, member_client, moderator_client, member_api, texts):
    moderator_socket = socketio.test_client(app, namespace="/moderate", flask_test_client=moderator_client)
    member_socket = socketio.test_client(app, namespace="/moderate", flask_test_client=member_client)
    assert moderator_socket.is_connected("/moderate") and not member_socket.is_connected("/moderate")
    _start(member_client, texts.CRISIS)
    item = _only(app, QueueItem)
    moderator_client.post(f"/moderate/items/{item.id}/claim")
    moderator_client.post(f"/moderate/items/{item.id}/decision", data={"decision": "escalate"})
    received = moderator_socket.get_received("/moderate")
    assert [event["name"] for event in received] == ["item_new", "crisis", "item_claimed", "item_decided"]
    new = received[0]["args"][0]
    assert new["crisis"] is True and new["priority"] == "crisis" and new["post_id"] == item.post_id
    assert received[2]["args"][0]["claimed_by"] == "harbourmaster"
    assert received[3]["args"][0]["status"] == "escalated"
