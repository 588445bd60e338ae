"""A retry never duplicates a post: the API's Idempotency-Key and the pages' one-time form token."""
import re

import pytest
import sqlalchemy as sa

from forum.services import AlreadySubmitted, posts, submissions
from models import Board, Post, Submission, User, db

BODY = "We baked bread at my nan's today and it actually rose. Small wins!"


def count_posts(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Post.id)))


def test_an_api_retry_with_the_same_key_returns_the_first_post(app, member_api):
    headers = {"Idempotency-Key": "3f1c-first-try"}
    first = member_api("POST", "/boards/coping/threads", json={"title": "Bread", "body": BODY}, headers=headers)
    again = member_api("POST", "/boards/coping/threads", json={"title": "Bread", "body": BODY}, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert again.get_json()["post"]["id"] == first.get_json()["post"]["id"]
    assert count_posts(app) == 1

    thread_id = first.get_json()["thread"]["id"]
    reply_headers = {"Idempotency-Key": "reply-1"}
    replies = [member_api("POST", f"/threads/{thread_id}/posts", json={"body": "Me too"}, headers=reply_headers)
               for _ in range(3)]
    assert {r.get_json()["id"] for r in replies} == {replies[0].get_json()["id"]}
    assert count_posts(app) == 2


def test_a_key_reused_for_other_words_is_refused(app, member_api):
    headers = {"Idempotency-Key": "k1"}
    member_api("POST", "/boards/coping/threads", json={"title": "Bread", "body": BODY}, headers=headers)
    other = member_api("POST", "/boards/coping/threads", json={"title": "Cake", "body": BODY}, headers=headers)
    assert other.status_code == 422
    assert "idempotency_key" in other.get_json()["error"]["fields"]
    too_long = member_api("POST", "/boards/coping/threads", json={"title": "Cake", "body": BODY},
                          headers={"Idempotency-Key": "k" * 129})
    assert too_long.status_code == 422
    assert count_posts(app) == 1


def test_keys_belong_to_one_member(app, member_api, api_on):
    headers = {"Idempotency-Key": "same"}
    member_api("POST", "/boards/coping/threads", json={"title": "Bread", "body": BODY}, headers=headers)
    other = api_on(app, "sprout")
    response = other("POST", "/boards/coping/threads", json={"title": "Bread", "body": BODY}, headers=headers)
    assert response.status_code == 201 and "Idempotent-Replayed" not in response.headers
    assert count_posts(app) == 2


def test_twins_racing_past_the_check_store_one_post(app, make_member, monkeypatch):
    make_member("river")
    with app.app_context():
        board, river = Board.find_by_slug("coping"), User.find_by_handle("river")
        thread, _ = posts.create_thread(board, river, "Bread", BODY)
        first = posts.create_reply(thread, river, "Me too", submission_key="twin")
        # The twin checked its key before the first commit landed, so only the database can stop it.
        racing = submissions.OneTimeKey("twin", Submission.find(river, "twin").fingerprint)
        monkeypatch.setattr(submissions, "once", lambda *submitted: racing)
        with pytest.raises(AlreadySubmitted) as replay:
            posts.create_reply(thread, river, "Me too", submission_key="twin")
        assert replay.value.post.id == first.id
    assert count_posts(app) == 2


def _token(page: str) -> str:
    return re.search(r'name="submission_token" type="hidden" value="([^"]+)"', page).group(1)


def test_posting_one_reply_form_twice_posts_once(app, member_client):
    thread = member_client.post("/b/coping/new", data={"title": "Bread", "body": BODY}, follow_redirects=True)
    thread_page = thread.get_data(as_text=True)
    token = _token(thread_page)
    reply_url = re.search(r'action="(/t/\d+/reply)"', thread_page).group(1)
    form = {"body": "Lovely", "submission_token": token}
    member_client.post(reply_url, data=form)
    again = member_client.post(reply_url, data=form, follow_redirects=True)
    assert "already posted, so we haven" in again.get_data(as_text=True).replace("&#39;", "'")
    assert count_posts(app) == 2


def test_a_form_posted_again_with_new_words_asks_first_then_posts(app, member_client):
    page = member_client.get("/b/coping/new").get_data(as_text=True)
    token = _token(page)
    member_client.post("/b/coping/new", data={"title": "Bread", "body": BODY, "submission_token": token})
    changed = member_client.post("/b/coping/new", data={"title": "Cake", "body": BODY, "submission_token": token})
    text = changed.get_data(as_text=True).replace("&#39;", "'")
    assert "You've already posted from this page" in text
    assert count_posts(app) == 1
    member_client.post("/b/coping/new", data={"title": "Cake", "body": BODY, "submission_token": _token(text)})
    assert count_posts(app) == 2
