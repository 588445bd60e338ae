"""Muting a member: their threads and replies leave the muter's lists, pages and API listings, silently.
Moderators can't be muted, and help a muted member's post asks for still shows."""
import pytest

from forum.services import posts
from models import Board, MemberMute, Role, Thread, User, db
from tests.conftest import page_text as _text

EVERYDAY = "We baked bread at my nan's today and it actually rose. Small wins!"


@pytest.fixture
def conversation(app, make_member, api):
    """"willow" started a thread that "maple" answered; "maple" also started a thread of their own."""
    make_member("willow")
    make_member("maple")
    with app.app_context():
        board = Board.find_by_slug("coping")
        willow, maple = User.find_by_handle("willow"), User.find_by_handle("maple")
        thread, _ = posts.create_thread(board, willow, "Evening walks", "They help me wind down.")
        reply = posts.create_reply(thread, maple, "Walks help me too, especially by the river.")
        maples, _ = posts.create_thread(board, maple, "Baking day", EVERYDAY)
        assert reply.is_published and maples.opening_post.is_published
        return {"thread": thread.id, "reply": reply.id, "maples": maples.id}


@pytest.fixture
def willow(client, conversation, log_in):
    log_in(client, "willow")
    return client


def test_muting_a_member_from_their_post_takes_their_threads_and_replies_away(willow, conversation):
    thread = _text(willow.get(f"/t/{conversation['thread']}"))
    assert 'action="/mutes/members/maple"' in thread and "especially by the river" in thread
    assert 'action="/mutes/members/willow"' not in thread  # no button to mute yourself
    response = willow.post("/mutes/members/maple", data={"thread_id": conversation["thread"]})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/t/{conversation['thread']}")
    thread = _text(willow.get(f"/t/{conversation['thread']}"))
    assert "especially by the river" not in thread and "They help me wind down." in thread
    assert 'href="/t/%d"' % conversation["maples"] not in _text(willow.get("/b/coping"))
    assert "Member: maple" in _text(willow.get("/account"))


def test_unmuting_from_the_account_page_brings_them_back(willow, conversation):
    willow.post("/mutes/members/maple")
    assert 'action="/mutes/members/maple/remove"' in _text(willow.get("/account"))
    willow.post("/mutes/members/maple/remove")
    assert "especially by the river" in _text(willow.get(f"/t/{conversation['thread']}"))
    assert 'href="/t/%d"' % conversation["maples"] in _text(willow.get("/b/coping"))


def test_a_muted_members_own_thread_says_so_when_opened_directly(willow, conversation):
    willow.post("/mutes/members/maple")
    page = _text(willow.get(f"/t/{conversation['maples']}"))
    assert "You've muted maple" in page and EVERYDAY not in page


def test_the_muted_member_is_not_told_and_sees_everything_as_before(app, willow, conversation, log_in):
    willow.post("/mutes/members/maple")
    other = app.test_client()
    log_in(other, "maple")
    assert "especially by the river" in _text(other.get(f"/t/{conversation['thread']}"))
    assert "willow" not in str(other.get("/account/export.json").get_json())
    assert "muted" not in _text(other.get("/notifications")).lower()


def test_muting_is_only_for_the_muter(app, willow, conversation, make_member, log_in):
    willow.post("/mutes/members/maple")
    other = app.test_client()
    log_in(other, make_member("river"))
    assert "especially by the river" in _text(other.get(f"/t/{conversation['thread']}"))


def test_a_muted_member_leaves_the_unanswered_list(app, willow, conversation):
    app.config["UNANSWERED_AFTER_HOURS"] = 0
    willow.post("/account/support", data={"offers_support": "y"})
    link = 'href="/t/%d"' % conversation["maples"]
    assert link in _text(willow.get("/unanswered"))
    willow.post("/mutes/members/maple")
    assert link not in _text(willow.get("/unanswered"))


def test_nobody_can_mute_themselves_or_a_moderator(willow, conversation, make_member):
    make_member("harbourmaster", Role.MODERATOR)
    willow.post("/mutes/members/willow")
    willow.post("/mutes/members/harbourmaster")
    page = _text(willow.get("/account"))
    assert "Member: willow" not in page and "Member: harbourmaster" not in page
    assert willow.post("/mutes/members/nobody-here").status_code == 404


def test_a_moderators_note_always_shows_even_if_they_were_muted_before_becoming_one(app, willow, conversation):
    willow.post("/mutes/members/maple")
    with app.app_context():
        maple = User.find_by_handle("maple")
        maple.role = Role.MODERATOR.value
        db.session.commit()
    assert "especially by the river" in _text(willow.get(f"/t/{conversation['thread']}"))
    assert 'href="/t/%d"' % conversation["maples"] in _text(willow.get("/b/coping"))


def test_help_a_muted_members_post_asks_for_still_shows(app, willow, conversation, texts):
    with app.app_context():
        thread = db.session.get(Thread, conversation["thread"])
        worried = posts.create_reply(thread, User.find_by_handle("maple"), texts.URGES)
        assert worried.is_published and worried.signposts, (worried.status, worried.signposts)
    willow.post("/mutes/members/maple")
    page = _text(willow.get(f"/t/{conversation['thread']}"))
    assert "The urges to self harm" not in page
    assert "Support if you need it" in page


def test_mute_buttons_need_a_login_and_a_csrf_token(make_app, make_member, log_in, client, conversation):
    assert "/login" in client.post("/mutes/members/maple").headers["Location"]
    guarded = make_app(WTF_CSRF_ENABLED=True).test_client()
    log_in(guarded, "willow")
    assert guarded.post("/mutes/members/maple").status_code == 400


def test_the_api_lists_adds_and_removes_member_mutes(api, conversation):
    willow = api.as_member("willow")
    assert willow("GET", "/me/mutes/members").get_json() == {"members": []}
    response = willow("PUT", "/me/mutes/members/maple")
    assert response.status_code == 200 and [m["handle"] for m in response.get_json()["members"]] == ["maple"]
    assert willow("PUT", "/me/mutes/members/Maple").status_code == 200  # again, any case: harmless
    assert len(willow("GET", "/me/mutes/members").get_json()["members"]) == 1
    assert willow("DELETE", "/me/mutes/members/maple").get_json() == {"members": []}
    assert willow("DELETE", "/me/mutes/members/nobody-here").status_code == 404


def test_the_api_refuses_muting_yourself_or_a_moderator(api, conversation, make_member):
    willow = api.as_member("willow")
    make_member("harbourmaster", Role.MODERATOR)
    for handle in ("willow", "harbourmaster"):
        response = willow("PUT", f"/me/mutes/members/{handle}")
        assert response.status_code == 422 and "handle" in response.get_json()["error"]["fields"], handle
    assert willow("GET", "/me/mutes/members").get_json() == {"members": []}
    assert api("GET", "/me/mutes/members").status_code == 401


def test_api_listings_leave_out_a_muted_member_but_keep_the_help_they_asked_for(app, api, conversation, texts):
    with app.app_context():
        thread = db.session.get(Thread, conversation["thread"])
        worried = posts.create_reply(thread, User.find_by_handle("maple"), texts.URGES)
        keys = list(worried.signposts)
    assert keys
    willow = api.as_member("willow")
    willow("PUT", "/me/mutes/members/maple")
    threads = willow("GET", "/boards/coping/threads").get_json()["threads"]
    assert [t["id"] for t in threads] == [conversation["thread"]]
    body = willow("GET", f"/threads/{conversation['thread']}").get_json()
    assert [p["author"] for p in body["posts"]] == ["willow"]
    assert set(keys) <= set(body["signposts"])


def test_a_member_export_lists_whom_they_muted_and_erasure_removes_mutes_of_them(app, api, conversation, password):
    willow = api.as_member("willow")
    willow("PUT", "/me/mutes/members/maple")
    export = willow("GET", "/me/export").get_json()
    with app.app_context():
        maple_id = User.find_by_handle("maple").id
    assert [row["muted_id"] for row in export["Members you muted"]] == [maple_id]
    maple = api.as_member("maple")
    assert maple("DELETE", "/me", {"password": password, "posts": "keep_anonymous"}).status_code == 200
    with app.app_context():
        assert db.session.scalars(db.select(MemberMute)).all() == []
