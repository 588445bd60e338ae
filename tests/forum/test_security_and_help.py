"""Security from day one (headers, cookies, CSRF, sanitising, size caps) and help on every page."""
import re

import pytest

from models import Post, db


@pytest.fixture
def every_page(app, member_client):
    """The path of every page a member can open, with a thread and post to open."""
    member_client.post("/b/coping/new", data={"title": "A thread", "body": "A post"})
    with app.app_context():
        post = db.session.scalar(db.select(Post))
        thread_id, post_id = post.thread_id, post.id
    return [
        "/",
        "/help",
        "/account",
        "/safety-plan",
        "/safety-plan/edit",
        "/b/coping",
        "/b/coping/new",
        f"/t/{thread_id}",
        f"/t/{thread_id}/reply",
        f"/p/{post_id}/edit",
        "/no-such-page",
    ]


def test_every_page_has_a_get_help_now_link(member_client, every_page):
    for path in every_page:
        page = member_client.get(path).get_data(as_text=True)
        assert '<a class="help-now" href="/help">Get help now</a>' in page, path


def test_logged_out_pages_have_the_help_link_too(client):
    for path in ("/", "/login", "/register", "/help"):
        assert 'href="/help">Get help now</a>' in client.get(path).get_data(as_text=True), path


def test_the_help_page_works_logged_out_and_lists_uk_crisis_lines(client):
    response = client.get("/help")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'href="tel:999"' in page
    assert "Samaritans" in page and 'href="tel:116123"' in page and "116 123" in page
    assert "Text SHOUT to 85258" in page and 'href="sms:85258"' in page
    assert "Childline" in page and 'href="tel:08001111"' in page
    assert page.index("999") < page.index("Samaritans")  # emergency number first


def test_pages_carry_no_inline_script_or_style_and_load_nothing_from_elsewhere(member_client, every_page):
    for path in every_page:
        page = member_client.get(path).get_data(as_text=True)
        scripts = re.findall(r'<script src="/static/js/[\w.]+"(?: defer)?></script>', page)
        assert page.count("<script") == len(scripts), path  # local files only, never inline code
        assert " style=" not in page and "<style" not in page, path
        assert not re.search(r'(src|href)="(https?:)?//', page.split("<main", 1)[0]), path


def test_security_headers_and_a_strict_content_security_policy(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers
    assert client.get("/api/v1/boards").headers["Content-Security-Policy"] == csp


def test_the_stylesheet_is_served_locally(client):
    with client.get("/static/css/harbour.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_the_session_cookie_is_httponly_and_samesite_lax(client, make_member, log_in):
    response = log_in(client, make_member("river"))
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookies_and_hsts_when_configured(make_app, password):
    app = make_app(SESSION_COOKIE_SECURE=True)
    client = app.test_client()
    client.post("/api/v1/users", json={"handle": "river", "password": password})
    response = client.post("/login", data={"handle": "river", "password": password})
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


@pytest.fixture
def csrf_client(make_app):
    return make_app(WTF_CSRF_ENABLED=True).test_client()


def _csrf_token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def test_forms_without_a_csrf_token_are_refused(csrf_client, password):
    response = csrf_client.post(
        "/register", data={"handle": "river", "password": password, "confirm": password, "accept_guidelines": "y"}
    )
    assert response.status_code == 400
    assert "reload the page and try again" in response.get_data(as_text=True)


def test_forms_with_the_csrf_token_work(csrf_client, password):
    token = _csrf_token(csrf_client.get("/register").get_data(as_text=True))
    response = csrf_client.post(
        "/register",
        data={"handle": "river", "password": password, "confirm": password, "accept_guidelines": "y", "csrf_token": token},
    )
    assert response.status_code == 302
    assert csrf_client.post("/logout").status_code == 400  # logging out is a form too
    assert "Account (river)" in csrf_client.get("/").get_data(as_text=True)


def test_the_api_uses_tokens_not_cookies_so_it_needs_no_csrf_token(csrf_client, password):
    response = csrf_client.post("/api/v1/users", json={"handle": "river", "password": password})
    assert response.status_code == 201


def test_titles_and_bodies_cannot_inject_markup(app, member_client):
    member_client.post(
        "/b/coping/new",
        data={"title": "<script>alert('t')</script>", "body": '<b onmouseover="x()">hi</b> [a](javascript:alert(1))'},
    )
    with app.app_context():
        thread_id = db.session.scalar(db.select(Post.thread_id))
    page = member_client.get(f"/t/{thread_id}").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b " not in page and "javascript:" not in page


def test_oversized_form_bodies_are_refused_with_413(member_client):
    response = member_client.post("/b/coping/new", data={"title": "Big", "body": "z" * 300_000})
    assert response.status_code == 413
    assert "too much to send" in response.get_data(as_text=True)


def test_wrong_methods_on_pages_get_a_friendly_405(client):
    response = client.put("/help")
    assert response.status_code == 405
    assert "can&#39;t be used that way" in response.get_data(as_text=True)
