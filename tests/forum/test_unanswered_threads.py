"""Unanswered threads: shown to moderators and to members who offer to be there for someone."""
import pytest

from models import Role


@pytest.fixture
def lonely_thread(member_api):
    """A thread by "river" that nobody has answered."""
    response = member_api("POST", "/boards/coping/threads", {
        "title": "Nobody to talk to", "body": "Feeling really alone tonight, could use a friendly word.",
    })
    return response.get_json()["thread"]["id"]


@pytest.fixture
def supporter(app, make_member, log_in):
    client = app.test_client()
    log_in(client, make_member("maple"))
    client.post("/account/support", data={"offers_support": "y"})
    return client


@pytest.fixture
def overdue(app):
    """Any thread counts as waiting too long (tests cannot wait twelve hours)."""
    app.config["UNANSWERED_AFTER_HOURS"] = 0


def test_a_supporter_sees_threads_nobody_has_answered_after_the_wait(overdue, supporter, lonely_thread):
    page = supporter.get("/unanswered").get_data(as_text=True)
    assert "Nobody to talk to" in page and f'href="/t/{lonely_thread}"' in page


def test_a_thread_is_not_listed_before_the_wait_is_over(supporter, lonely_thread):
    assert f'href="/t/{lonely_thread}"' not in supporter.get("/unanswered").get_data(as_text=True)


def test_a_reply_takes_the_thread_off_the_list(overdue, supporter, member_api, lonely_thread):
    member_api("POST", f"/threads/{lonely_thread}/posts", {"body": "I'm still here, thanks for reading."})
    assert "Nobody to talk to" in supporter.get("/unanswered").get_data(as_text=True)  # the author's own reply
    supporter.post(f"/t/{lonely_thread}/reply", data={"body": "Sending you a hug, I'm around tonight too.", "submit": "Post"})
    assert f'href="/t/{lonely_thread}"' not in supporter.get("/unanswered").get_data(as_text=True)


def test_members_who_have_not_opted_in_are_invited_instead(overdue, member_client, lonely_thread):
    page = member_client.get("/unanswered").get_data(as_text=True)
    assert "Nobody to talk to" not in page and 'href="/account#support"' in page


def test_muted_boards_and_threads_and_breaks_are_respected(overdue, supporter, lonely_thread):
    supporter.post(f"/mutes/threads/{lonely_thread}")
    assert f'href="/t/{lonely_thread}"' not in supporter.get("/unanswered").get_data(as_text=True)
    supporter.post(f"/mutes/threads/{lonely_thread}/remove")
    supporter.post("/mutes/boards/coping")
    assert f'href="/t/{lonely_thread}"' not in supporter.get("/unanswered").get_data(as_text=True)
    supporter.post("/mutes/boards/coping/remove")
    supporter.post("/break", data={"length": "1h"})
    assert "You're taking a break" in supporter.get("/unanswered").get_data(as_text=True)


def test_moderators_see_unanswered_threads_on_the_queue_page(app, overdue, make_member, log_in, lonely_thread):
    moderator = app.test_client()
    log_in(moderator, make_member("harbourmaster", Role.MODERATOR))
    page = moderator.get("/moderate/").get_data(as_text=True)
    assert "Nobody has answered yet" in page and "Nobody to talk to" in page


def test_the_account_page_offers_the_setting_and_remembers_it(supporter):
    page = supporter.get("/account").get_data(as_text=True)
    assert '<h2 id="support">Be there for someone</h2>' in page
    assert 'name="offers_support" value="y" checked' in page
    supporter.post("/account/support", data={})
    assert 'value="y" checked' not in supporter.get("/account").get_data(as_text=True)
