"""Login and token limits that stop guessing without locking a whole community out."""
import pytest

WRONG = "not the password"


@pytest.fixture
def app(make_app):
    """Production's limits: generous per address, five wrong passwords per handle."""
    return make_app(RATELIMIT_ENABLED=True, PROXY_COUNT=1)


def _from(address: str) -> dict:
    return {"X-Forwarded-For": address}


def test_one_members_wrong_passwords_never_lock_out_another_member_on_the_same_address(
    client, make_member, log_in, password
):
    make_member("river"), make_member("maple")
    for _ in range(10):
        client.post("/login", data={"handle": "river", "password": WRONG})
    assert log_in(client, "maple").status_code == 302
    token = client.post("/api/v1/tokens", json={"handle": "maple", "password": password})
    assert token.status_code == 201


def test_guesses_at_one_handle_from_many_addresses_lock_that_handle_for_a_while(client, make_member, password):
    make_member("river")
    statuses = [
        client.post("/login", data={"handle": "River", "password": WRONG}, headers=_from(f"203.0.113.{n}")).status_code
        for n in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    locked = client.post("/login", data={"handle": "river", "password": password}, headers=_from("198.51.100.7"))
    assert locked.status_code == 429  # even the right password waits, or the lock would be no lock
    page = locked.get_data(as_text=True)
    assert "too many wrong passwords for this handle" in page and "15 minutes" in page and "Get help now" in page
    token = client.post("/api/v1/tokens", json={"handle": "river", "password": password})
    assert token.status_code == 429 and "wait about 15 minutes" in token.get_json()["error"]["message"]
    assert int(token.headers["Retry-After"]) > 0


def test_right_passwords_do_not_count_towards_the_lock(client, make_member, log_in, password):
    make_member("river")
    for _ in range(8):
        assert client.post("/api/v1/tokens", json={"handle": "river", "password": password}).status_code == 201


@pytest.mark.parametrize("proxies, statuses", [(0, [201, 201, 429]), (1, [201, 201, 201])])
def test_forwarded_addresses_count_only_through_the_configured_proxies(make_app, proxies, statuses):
    """Without a proxy a client cannot pick a fresh address per request; behind one, each client has its own."""
    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_REGISTER="2 per minute", PROXY_COUNT=proxies)
    client = app.test_client()
    answers = [
        client.post(
            "/api/v1/users", json={"handle": f"member{n}", "password": "long enough!"}, headers=_from(f"192.0.2.{n}")
        ).status_code
        for n in range(3)
    ]
    assert answers == statuses
