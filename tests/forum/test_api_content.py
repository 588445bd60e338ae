"""Boards, threads and posts through /api/v1, including every error path."""
import pytest

from models import Post, PostStatus, db


@pytest.fixture
def thread(member_api):
    """A thread started by "river", with its opening post."""
    response = member_api("POST", "/boards/coping/threads", {"title": "Things that help", "body": "Music helps me."})
    assert response.status_code == 201
    return response.get_json()


def test_boards_are_listed_in_order_without_logging_in(api):
    response = api("GET", "/boards")
    assert response.status_code == 200
    boards = response.get_json()["boards"]
    assert boards[0] == {
        "slug": "introductions",
        "name": "Introductions",
        "description": boards[0]["description"],
    }
    assert [b["slug"] for b in boards] == ["introductions", "hard-time", "coping", "recovery", "creative", "off-topic"]


def test_starting_a_thread_returns_the_thread_and_its_published_post(thread):
    assert thread["thread"]["title"] == "Things that help"
    assert thread["thread"]["board"] == "coping"
    assert thread["post"]["status"] == PostStatus.PUBLISHED.value
    assert thread["post"]["body_html"] == "<p>Music helps me.</p>"
    assert thread["post"]["body"] == "Music helps me."


def test_board_threads_are_paginated(app, member_api):
    app.config["THREADS_PER_PAGE"] = 2
    for number in range(3):
        member_api("POST", "/boards/recovery/threads", {"title": f"Win {number}", "body": "A good day."})
    first = member_api("GET", "/boards/recovery/threads").get_json()
    second = member_api("GET", "/boards/recovery/threads?page=2").get_json()
    assert [t["title"] for t in first["threads"]] == ["Win 2", "Win 1"]
    assert [t["title"] for t in second["threads"]] == ["Win 0"]
    assert first["pagination"] == {"page": 1, "per_page": 2, "total": 3, "pages": 2}


def test_reading_and_replying_to_a_thread(api, member_api, make_member, thread):
    other = api.as_member(make_member("maple"))
    thread_id = thread["thread"]["id"]
    reply = other("POST", f"/threads/{thread_id}/posts", {"body": "Same, *especially* at night."})
    assert reply.status_code == 201
    assert reply.get_json()["status"] == "published"
    assert reply.get_json()["body_html"] == "<p>Same, <em>especially</em> at night.</p>"

    shown = member_api("GET", f"/threads/{thread_id}").get_json()
    assert shown["thread"]["id"] == thread_id
    assert [p["author"] for p in shown["posts"]] == ["river", "maple"]
    assert {"id", "author", "body_html", "status", "created_at"} <= set(shown["posts"][1])
    assert "body" not in shown["posts"][1]  # raw Markdown only for the author


def test_getting_one_post(member_api, thread):
    post_id = thread["post"]["id"]
    response = member_api("GET", f"/posts/{post_id}")
    assert response.status_code == 200
    assert response.get_json()["id"] == post_id


def test_authors_can_edit_and_every_earlier_text_is_kept(app, member_api, thread):
    post_id = thread["post"]["id"]
    response = member_api("PATCH", f"/posts/{post_id}", {"body": "Music and walks help me."})
    assert response.status_code == 200
    assert response.get_json()["body_html"] == "<p>Music and walks help me.</p>"
    assert response.get_json()["edited_at"] is not None
    with app.app_context():
        post = db.session.get(Post, post_id)
        assert [r.body_markdown for r in post.revisions] == ["Music helps me.", "Music and walks help me."]


def test_only_the_author_can_edit(api, make_member, thread):
    other = api.as_member(make_member("maple"))
    response = other("PATCH", f"/posts/{thread['post']['id']}", {"body": "Changed by someone else"})
    assert response.status_code == 403
    assert response.get_json()["error"]["code"] == "forbidden"


def test_held_posts_are_hidden_from_other_members(app, api, member_api, make_member, thread):
    with app.app_context():
        post = db.session.get(Post, thread["post"]["id"])
        post.status = PostStatus.HELD.value
        db.session.commit()
    other = api.as_member(make_member("maple"))
    assert other("GET", f"/posts/{thread['post']['id']}").status_code == 404
    assert other("GET", f"/threads/{thread['thread']['id']}").status_code == 404
    assert other("GET", "/boards/coping/threads").get_json()["threads"] == []
    assert member_api("GET", f"/posts/{thread['post']['id']}").get_json()["status"] == "held"


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/boards/coping/threads"),
        ("POST", "/boards/coping/threads"),
        ("GET", "/threads/1"),
        ("POST", "/threads/1/posts"),
        ("GET", "/posts/1"),
        ("PATCH", "/posts/1"),
    ],
)
def test_content_routes_need_a_valid_token(api, method, path):
    response = api(method, path, {"body": "hello"})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    garbage = api(method, path, {"body": "hello"}, headers={"Authorization": "Bearer not-a-token"})
    assert garbage.status_code == 401


@pytest.mark.parametrize(
    "method, path",
    [
        ("GET", "/boards/nowhere/threads"),
        ("POST", "/boards/nowhere/threads"),
        ("GET", "/threads/999"),
        ("POST", "/threads/999/posts"),
        ("GET", "/posts/999"),
        ("PATCH", "/posts/999"),
        ("GET", "/no-such-route"),
    ],
)
def test_missing_things_are_json_404s(member_api, method, path):
    response = member_api(method, path, {"title": "t", "body": "b"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_wrong_methods_are_json_405s(member_api):
    response = member_api("PUT", "/boards")
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    "payload, fields",
    [
        ({"title": "   ", "body": "hello"}, {"title"}),
        ({"title": "Hello", "body": "  \n "}, {"body"}),
        ({"title": "x" * 201, "body": "y" * 20_001}, {"title", "body"}),
        ({"title": "Hello"}, {"body"}),
    ],
)
def test_blank_or_oversized_threads_are_422s(member_api, payload, fields):
    response = member_api("POST", "/boards/coping/threads", payload)
    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == fields


def test_limits_are_inclusive(member_api):
    response = member_api("POST", "/boards/coping/threads", {"title": "x" * 200, "body": "y" * 20_000})
    assert response.status_code == 201


def test_blank_replies_and_edits_are_422s(member_api, thread):
    assert member_api("POST", f"/threads/{thread['thread']['id']}/posts", {"body": ""}).status_code == 422
    assert member_api("PATCH", f"/posts/{thread['post']['id']}", {"body": " "}).status_code == 422


def test_request_bodies_over_the_cap_are_413s(member_api):
    response = member_api("POST", "/boards/coping/threads", {"title": "Big", "body": "z" * 300_000})
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "payload_too_large"


def test_malformed_json_on_a_content_route_is_a_400(member_api):
    response = member_api.client.post(
        "/api/v1/boards/coping/threads",
        data="{'title': 1",
        content_type="application/json",
        headers={"Authorization": f"Bearer {member_api.token}"},
    )
    assert response.status_code == 400


def test_posted_html_is_sanitised(member_api):
    body = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)> https://example.org'
    post = member_api("POST", "/boards/coping/threads", {"title": "x", "body": body}).get_json()["post"]
    html = post["body_html"]
    assert "<script" not in html and "<img" not in html
    assert "javascript:" not in html
    assert 'href="https://example.org" rel="nofollow noopener ugc"' in html
