"""Rate limits on registering, tokens, logging in and posting."""
import pytest

TIGHT_LIMITS = {
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_REGISTER": "2 per minute",
    "RATELIMIT_LOGIN": "2 per minute",
    "RATELIMIT_TOKEN": "2 per minute",
    "RATELIMIT_POSTING": "2 per minute",
}


@pytest.fixture
def app(make_app):
    """The limiter is one extension object per process, so every fixture here shares this app."""
    return make_app(**TIGHT_LIMITS)


@pytest.fixture
def limited_client(client):
    return client


def test_registering_too_often_is_a_json_429(limited_client, password):
    statuses = [
        limited_client.post("/api/v1/users", json={"handle": f"member{n}", "password": password}).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    response = limited_client.post("/api/v1/users", json={"handle": "member9", "password": password})
    assert response.get_json()["error"]["code"] == "rate_limited"
    assert "Retry-After" in response.headers


def test_asking_for_tokens_too_often_is_a_429(limited_client, make_member, password):
    make_member("river")
    attempts = [
        limited_client.post("/api/v1/tokens", json={"handle": "river", "password": "wrong guess"}).status_code
        for _ in range(3)
    ]
    assert attempts == [401, 401, 429]


def test_logging_in_too_often_shows_a_kind_page(limited_client, make_member):
    make_member("river")
    for _ in range(2):
        limited_client.post("/login", data={"handle": "river", "password": "wrong guess"})
    response = limited_client.post("/login", data={"handle": "river", "password": "wrong guess"})
    assert response.status_code == 429
    assert "Please wait a minute" in response.get_data(as_text=True)
    assert limited_client.get("/login").status_code == 200  # only attempts are limited


def test_posting_is_limited_per_member_across_pages_and_api(limited_client, make_member, password):
    make_member("river")
    token = limited_client.post("/api/v1/tokens", json={"handle": "river", "password": password}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    statuses = [
        limited_client.post(
            "/api/v1/boards/coping/threads", json={"title": f"t{n}", "body": "hello"}, headers=headers
        ).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    limited_client.post("/login", data={"handle": "river", "password": password})
    page = limited_client.post("/b/coping/new", data={"title": "from the page", "body": "hello"})
    assert page.status_code == 429

    make_member("maple")
    other = limited_client.post("/api/v1/tokens", json={"handle": "maple", "password": password}).get_json()["token"]
    response = limited_client.post(
        "/api/v1/boards/coping/threads", json={"title": "mine", "body": "hi"}, headers={"Authorization": f"Bearer {other}"}
    )
    assert response.status_code == 201  # another member on the same network is not blocked
