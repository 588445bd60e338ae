"""Boards, threads, replies and edits through the browser pages."""
import re

import pytest

from models import Post, PostStatus, Thread, db


GREETING = "Hi everyone, my counsellor told me about this place."


def _start_thread(client, title="Hello all", body=GREETING, board="introductions"):
    return client.post(f"/b/{board}/new", data={"title": title, "body": body})


def _thread_id(app, title="Hello all") -> int:
    with app.app_context():
        return db.session.scalar(db.select(Thread.id).where(Thread.title == title))


def test_the_board_list_is_public_and_invites_people_to_join(client):
    page = client.get("/").get_data(as_text=True)
    assert "Coping strategies" in page and "Recovery and wins" in page
    assert 'href="/register"' in page


def test_reading_a_board_needs_an_account(client):
    response = client.get("/b/coping")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_starting_a_thread_shows_it_on_the_board_and_thanks_the_author(app, member_client):
    response = _start_thread(member_client, body="Hi, I'm **new** here.")
    assert response.status_code == 302
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Thanks for sharing. Your post is up." in page
    assert "<strong>new</strong>" in page
    assert "Hello all" in member_client.get("/b/introductions").get_data(as_text=True)


def test_new_thread_problems_are_shown_on_the_form(member_client):
    response = _start_thread(member_client, title=" ", body="")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Please give your thread a title." in page
    assert "Please write something before posting." in page


def test_replying_from_the_thread_page(app, member_client):
    _start_thread(member_client)
    thread_id = _thread_id(app)
    page = member_client.get(f"/t/{thread_id}").get_data(as_text=True)
    assert f'action="/t/{thread_id}/reply"' in page
    response = member_client.post(f"/t/{thread_id}/reply", data={"body": "Welcome, glad you're here"})
    assert response.status_code == 302
    assert "Welcome, glad you're here" in member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert member_client.get(f"/t/{thread_id}/reply").status_code == 200


def test_a_blank_reply_is_refused_kindly(app, member_client):
    _start_thread(member_client)
    response = member_client.post(f"/t/{_thread_id(app)}/reply", data={"body": "   "})
    assert "Please write something before posting." in response.get_data(as_text=True)


def test_editing_my_post_keeps_the_earlier_text(app, member_client):
    _start_thread(member_client, body="Original words")
    with app.app_context():
        post_id = db.session.scalar(db.select(Post.id))
    form = member_client.get(f"/p/{post_id}/edit").get_data(as_text=True)
    assert "Original words" in form
    member_client.post(f"/p/{post_id}/edit", data={"body": "Better words"})
    page = member_client.get(f"/t/{_thread_id(app)}").get_data(as_text=True)
    assert "Better words" in page and "edited" in page
    with app.app_context():
        assert [r.body_markdown for r in db.session.get(Post, post_id).revisions] == ["Original words", "Better words"]


def test_editing_someone_elses_post_is_forbidden(app, member_client, make_member, log_in):
    _start_thread(member_client)
    member_client.post("/logout")
    log_in(member_client, make_member("maple"))
    with app.app_context():
        post_id = db.session.scalar(db.select(Post.id))
    assert member_client.get(f"/p/{post_id}/edit").status_code == 403
    assert member_client.post(f"/p/{post_id}/edit", data={"body": "mine now"}).status_code == 403


def test_threads_and_posts_are_paginated(app, member_client):
    app.config.update(THREADS_PER_PAGE=2, POSTS_PER_PAGE=2)
    for number in range(3):
        _start_thread(member_client, title=f"Thread {number}")
    board_page = member_client.get("/b/introductions").get_data(as_text=True)
    assert "Thread 2" in board_page and "Thread 0" not in board_page
    assert "Page 1 of 2" in board_page
    assert "Thread 0" in member_client.get("/b/introductions?page=2").get_data(as_text=True)

    thread_id = _thread_id(app, "Thread 0")
    for number in range(2):
        response = member_client.post(f"/t/{thread_id}/reply", data={"body": f"Reply {number}"})
    assert re.search(rf"/t/{thread_id}\?page=2#post-\d+$", response.headers["Location"])
    second = member_client.get(f"/t/{thread_id}?page=2").get_data(as_text=True)
    assert "Reply 1" in second and "Reply 0" not in second


def test_a_post_link_leads_to_its_place_in_the_thread(app, member_client):
    _start_thread(member_client)
    with app.app_context():
        post_id = db.session.scalar(db.select(Post.id))
    response = member_client.get(f"/p/{post_id}")
    assert response.headers["Location"] == f"/t/{_thread_id(app)}?page=1#post-{post_id}"


def test_held_posts_are_shown_only_to_their_author(app, member_client, make_member, log_in):
    _start_thread(member_client, title="Held thread", body="waiting")
    with app.app_context():
        db.session.scalar(db.select(Post)).status = PostStatus.HELD.value
        db.session.commit()
    thread_id = _thread_id(app, "Held thread")
    assert "Waiting for a moderator" in member_client.get(f"/t/{thread_id}").get_data(as_text=True)
    member_client.post("/logout")
    log_in(member_client, make_member("maple"))
    assert member_client.get(f"/t/{thread_id}").status_code == 404
    assert "Held thread" not in member_client.get("/b/introductions").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/b/nowhere", "/b/nowhere/new", "/t/999", "/t/999/reply", "/p/999", "/p/999/edit"])
def test_missing_things_get_a_friendly_404(member_client, path):
    response = member_client.get(path)
    assert response.status_code == 404
    assert "We couldn&#39;t find that page." in response.get_data(as_text=True)
