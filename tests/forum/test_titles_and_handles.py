"""Everything members write that others see is screened: thread titles with the opening post, handles at sign-up."""
import pytest

from forum.services import InvalidInput, accounts, posts
from models import PostStatus, Priority, QueueItem, Role, Thread, User, db

CALM_BODY = "Just checking in, had a calm day today."
GRAPHIC_TITLE = "cut myself again last night, 14 stitches, so deep"


def test_a_title_that_needs_holding_keeps_the_thread_from_others_even_with_a_calm_body(river_and_maple):
    thread, opening = posts.create_thread(river_and_maple["board"], river_and_maple["river"], GRAPHIC_TITLE, CALM_BODY)
    assert opening.status != PostStatus.PUBLISHED.value
    assert "numbers" in opening.latest_screening.flagged
    assert len(opening.screenings) == 1  # one verdict for the opening revision, title included
    listed = db.session.scalars(Thread.in_board(river_and_maple["board"], river_and_maple["maple"])).all()
    assert thread not in listed
    assert Thread.find_visible(thread.id, river_and_maple["maple"]) is None


def test_a_calm_title_and_body_are_published_together(river_and_maple):
    thread, opening = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "A calm day", CALM_BODY)
    assert opening.status == PostStatus.PUBLISHED.value
    assert Thread.find_visible(thread.id, river_and_maple["maple"]) == thread


def test_replies_are_screened_without_the_title(river_and_maple, monkeypatch):
    thread, _ = posts.create_thread(river_and_maple["board"], river_and_maple["river"], "A calm day", CALM_BODY)
    from forum.services import screening

    read = []
    original = screening.screen_text
    monkeypatch.setattr(screening, "screen_text", lambda text, context: read.append(text) or original(text, context))
    posts.create_reply(thread, river_and_maple["maple"], "Glad to hear it.")
    assert read == ["Glad to hear it."]


def test_a_crisis_title_raises_a_crisis_and_the_moderator_sees_the_title_that_was_screened(
    app, river_and_maple, make_member, log_in, texts
):
    _, opening = posts.create_thread(river_and_maple["board"], river_and_maple["river"], texts.CRISIS, CALM_BODY)
    assert opening.is_crisis
    item = QueueItem.for_post(opening)
    assert item.priority == Priority.CRISIS
    client = app.test_client()
    log_in(client, make_member("harbourmaster", Role.MODERATOR))
    page = client.get(f"/moderate/items/{item.id}").get_data(as_text=True)
    assert "end it tonight" in page.split('id="post-text"')[1].split("</div>")[0]


@pytest.mark.parametrize("handle", ["dm-me-on-snap", "selfharm_queen", "insta_dm_me", "proana_forever"])
def test_handles_that_others_should_not_see_are_refused_kindly(app, handle, password):
    with app.app_context(), pytest.raises(InvalidInput) as refused:
        accounts.register_member(handle, password)
    assert "choose a different name" in refused.value.fields["handle"]
    with app.app_context():
        assert User.find_by_handle(handle) is None


@pytest.mark.parametrize("handle", ["river_otter", "bluebird22", "nobody", "Sol-ace", "member0"])
def test_ordinary_handles_are_welcome(app, handle, password):
    with app.app_context():
        assert accounts.register_member(handle, password).handle == handle


def test_the_sign_up_page_says_why_a_handle_is_refused(client, password):
    response = client.post("/register", data={"handle": "dm-me-on-snap", "password": password,
                                              "confirm": password, "accept_guidelines": "y"})
    assert response.status_code == 200
    assert "choose a different name" in response.get_data(as_text=True)
