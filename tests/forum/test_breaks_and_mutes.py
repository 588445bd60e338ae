"""Taking a break from the forum, and muting boards and threads for yourself."""
from datetime import timedelta

import pytest

from forum.messages import BREAK_LENGTH_LABELS
from forum.services.breaks import BREAK_LENGTHS
from models import Break, Thread, User, db
from models.base import utcnow
from tests.conftest import page_text as _text

PAUSED = "You're taking a break"


@pytest.fixture
def thread_id(app, member_client):
    member_client.post("/b/coping/new", data={"title": "Evening walks", "body": "They help me."})
    with app.app_context():
        return db.session.scalar(db.select(Thread.id).where(Thread.title == "Evening walks"))


def _break(app, handle="willow"):
    with app.app_context():
        return db.session.get(Break, User.find_by_handle(handle).id)


@pytest.mark.parametrize("length", sorted(BREAK_LENGTHS))
def test_a_member_chooses_how_long_a_break_lasts(app, member_client, length):
    before = utcnow()
    response = member_client.post("/break", data={"length": length})
    assert response.status_code == 302
    pause = _break(app)
    assert before + BREAK_LENGTHS[length] <= pause.ends_at <= utcnow() + BREAK_LENGTHS[length]


def test_during_a_break_boards_and_threads_show_a_kind_page_with_plan_and_help(member_client, thread_id):
    member_client.post("/safety-plan/edit", data={"things_that_help": "Music and a walk with the dog"})
    member_client.post("/break", data={"length": "1d"})
    for path in ("/", "/b/coping", f"/t/{thread_id}", f"/t/{thread_id}/reply", "/b/coping/new"):
        page = _text(member_client.get(path))
        assert PAUSED in page, path
        assert "Evening walks" not in page, path
        assert "Music and a walk with the dog" in page, path
        assert 'href="tel:999"' in page and "Samaritans" in page, path
        assert 'action="/break/end"' in page, path


def test_a_member_without_a_plan_is_gently_offered_one_on_the_break_page(member_client):
    member_client.post("/break", data={"length": "1h"})
    page = _text(member_client.get("/"))
    assert "You haven't written a safety plan yet" in page and 'href="/safety-plan/edit"' in page


def test_help_the_account_page_and_the_safety_plan_stay_open_during_a_break(member_client):
    member_client.post("/break", data={"length": "1w"})
    for path in ("/help", "/account", "/safety-plan"):
        response = member_client.get(path)
        assert response.status_code == 200 and PAUSED not in _text(response), path
    assert "You're on a break until" in _text(member_client.get("/account"))


def test_nothing_can_be_posted_during_a_break(app, member_client, thread_id):
    member_client.post("/break", data={"length": "1d"})
    assert PAUSED in _text(member_client.post(f"/t/{thread_id}/reply", data={"body": "Still here"}))
    with app.app_context():
        assert len(db.session.get(Thread, thread_id).posts) == 1


def test_ending_a_break_early_opens_the_boards_again(app, member_client, thread_id):
    member_client.post("/break", data={"length": "1w"})
    response = member_client.post("/break/end")
    assert response.status_code == 302 and _break(app) is None
    assert "Evening walks" in _text(member_client.get(f"/t/{thread_id}"))


def test_a_break_ends_by_itself_when_its_time_is_up(app, member_client):
    member_client.post("/break", data={"length": "1h"})
    with app.app_context():
        pause = db.session.get(Break, User.find_by_handle("willow").id)
        pause.ends_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    assert PAUSED not in _text(member_client.get("/"))


def test_a_break_is_only_for_the_member_who_took_it(member_client, client, make_member, log_in, thread_id):
    member_client.post("/break", data={"length": "1d"})
    member_client.post("/logout")
    log_in(client, make_member("maple"))
    assert "Evening walks" in _text(client.get(f"/t/{thread_id}"))


def test_an_unknown_break_length_starts_no_break(app, member_client):
    response = member_client.post("/break", data={"length": "forever"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/account#break")
    assert _break(app) is None


def test_breaks_and_mutes_need_a_login(client, thread_id):
    client.post("/logout")
    for path in ("/break", "/break/end", "/mutes/boards/coping", f"/mutes/threads/{thread_id}"):
        response = client.post(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"], path


def test_the_break_form_needs_a_csrf_token(make_app, make_member, log_in):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    log_in(client, make_member("willow"))
    assert client.post("/break", data={"length": "1d"}).status_code == 400


def test_every_break_length_has_kind_words():
    assert list(BREAK_LENGTH_LABELS) == list(BREAK_LENGTHS)


def test_a_muted_board_leaves_the_board_list_until_unmuted(member_client):
    assert 'href="/b/coping"' in _text(member_client.get("/"))
    response = member_client.post("/mutes/boards/coping")
    assert response.status_code == 302
    assert 'href="/b/coping"' not in _text(member_client.get("/"))
    board = _text(member_client.get("/b/coping"))
    assert "You've muted this board" in board and 'action="/mutes/boards/coping/remove"' in board
    assert "Board: Coping strategies" in _text(member_client.get("/account"))
    member_client.post("/mutes/boards/coping/remove")
    assert 'href="/b/coping"' in _text(member_client.get("/"))


def test_a_muted_thread_leaves_its_board_page_but_can_still_be_opened(member_client, thread_id):
    link = f'href="/t/{thread_id}"'
    assert link in _text(member_client.get("/b/coping"))
    member_client.post(f"/mutes/threads/{thread_id}")
    assert link not in _text(member_client.get("/b/coping"))
    thread = _text(member_client.get(f"/t/{thread_id}"))
    assert "You've muted this thread" in thread and "They help me." in thread
    member_client.post(f"/mutes/threads/{thread_id}/remove")
    assert link in _text(member_client.get("/b/coping"))


def test_muting_twice_is_harmless_and_mutes_are_only_for_the_member(member_client, client, make_member, log_in, thread_id):
    member_client.post(f"/mutes/threads/{thread_id}")
    assert member_client.post(f"/mutes/threads/{thread_id}").status_code == 302
    member_client.post("/mutes/boards/coping")
    assert member_client.post("/mutes/boards/coping").status_code == 302
    member_client.post("/logout")
    log_in(client, make_member("maple"))
    assert 'href="/b/coping"' in _text(client.get("/"))
    assert "Evening walks" in _text(client.get("/b/coping"))


def test_muting_something_that_is_not_there_is_a_404(member_client):
    assert member_client.post("/mutes/boards/nowhere").status_code == 404
    assert member_client.post("/mutes/threads/999").status_code == 404
    assert member_client.post("/mutes/threads/999/remove").status_code == 404
