"""Personal word filters on pages and in the API: posts and titles with a filtered word are collapsed or
hidden for that member alone, like content notes, and the limits hold."""
import pytest

from forum.services import posts
from models import Board, Thread, User, WordFilter, db
from moderation.word_filters import FILTERS_MAX, PHRASE_MAX_LENGTH
from tests.conftest import page_text as _text

MASK = "Title hidden by your word filter"


@pytest.fixture
def threads(app, make_member):
    """"maple" started a thread whose title has "hospital", and one whose body has it; "willow" reads."""
    make_member("willow")
    make_member("maple")
    with app.app_context():
        board, maple = Board.find_by_slug("coping"), User.find_by_handle("maple")
        titled, _ = posts.create_thread(board, maple, "Hospital visits this week", "Visiting my gran, she's doing well.")
        bodied, _ = posts.create_thread(board, maple, "A quiet weekend", "Spent Sunday at the hospital cafe with my dad.")
        plain, _ = posts.create_thread(board, maple, "Bread day", "We baked bread and it rose. Small wins!")
        assert all(t.opening_post.is_published for t in (titled, bodied, plain))
        return {"titled": titled.id, "bodied": bodied.id, "plain": plain.id}


@pytest.fixture
def willow(client, threads, log_in):
    log_in(client, "willow")
    return client


def test_a_filtered_word_collapses_titles_in_the_board_list(willow, threads):
    assert "Hospital visits this week" in _text(willow.get("/b/coping"))
    response = willow.post("/word-filters", data={"phrase": "HOSPITAL", "choice": "collapse"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/account#word-filters")
    board = _text(willow.get("/b/coping"))
    heading = board.split('href="/t/%d"' % threads["titled"])[1].split("</a>")[0]
    assert MASK in heading and "Hospital" not in heading
    assert '<summary>Show the title</summary><p class="thread-title">Hospital visits this week' in board
    assert "Bread day" in board  # other threads are untouched


def test_the_thread_page_collapses_the_post_and_masks_its_heading_and_page_title(willow, threads):
    willow.post("/word-filters", data={"phrase": "hospital"})
    page = _text(willow.get(f"/t/{threads['bodied']}"))
    assert f"<title>{MASK}" in page
    assert "Collapsed by your word filter" in page
    assert "Spent Sunday at the hospital cafe" in page.split("Collapsed by your word filter")[1]  # behind the disclosure


def test_hide_leaves_only_a_placeholder_on_pages(willow, threads):
    willow.post("/word-filters", data={"phrase": "hospital", "choice": "hide"})
    page = _text(willow.get(f"/t/{threads['bodied']}"))
    assert "Hidden by your word filter" in page and "hospital cafe" not in page
    board = _text(willow.get("/b/coping"))
    assert "Hospital visits" not in board and MASK in board


def test_a_filter_matches_whole_words_not_parts_of_words(willow, threads):
    willow.post("/word-filters", data={"phrase": "hosp"})
    board = _text(willow.get("/b/coping"))
    assert "Hospital visits this week" in board and MASK not in board
    assert "Collapsed by your word filter" not in _text(willow.get(f"/t/{threads['bodied']}"))


def _filter_ids(client):
    with client.application.app_context():
        return [f.id for f in db.session.scalars(db.select(WordFilter).order_by(WordFilter.id))]


def test_filters_mask_titles_in_the_unanswered_list_and_account_page(app, willow, threads):
    app.config["UNANSWERED_AFTER_HOURS"] = 0
    willow.post("/account/support", data={"offers_support": "y"})
    willow.post("/word-filters", data={"phrase": "hospital visits"})
    unanswered = _text(willow.get("/unanswered"))
    assert "Hospital visits this week" not in unanswered.split("<summary>")[0] and MASK in unanswered


def test_authors_always_see_their_own_words_and_filters_are_only_for_the_member(app, willow, threads, log_in):
    willow.post("/word-filters", data={"phrase": "hospital", "choice": "hide"})
    other = app.test_client()
    log_in(other, "maple")
    other.post("/word-filters", data={"phrase": "hospital", "choice": "hide"})
    assert "Hospital visits this week" in _text(other.get("/b/coping"))  # maple wrote it


def test_a_filter_never_hides_the_help_a_post_asks_for(app, willow, threads, texts):
    with app.app_context():
        thread = db.session.get(Thread, threads["plain"])
        worried = posts.create_reply(thread, User.find_by_handle("maple"), texts.URGES)
        assert worried.signposts
    willow.post("/word-filters", data={"phrase": "urges", "choice": "hide"})
    page = _text(willow.get(f"/t/{threads['plain']}"))
    assert "Hidden by your word filter" in page and "Support if you need it" in page


def test_the_account_page_lists_and_removes_filters(willow, threads):
    willow.post("/word-filters", data={"phrase": "Hospital", "choice": "hide"})
    page = _text(willow.get("/account"))
    assert "“Hospital” (hidden)" in page
    willow.post(f"/word-filters/{_filter_ids(willow)[0]}/remove")
    assert "“Hospital”" not in _text(willow.get("/account"))
    assert "Hospital visits this week" in _text(willow.get("/b/coping"))
    assert willow.post("/word-filters/999/remove").status_code == 404


@pytest.mark.parametrize("phrase", ["", "   ", "?!", "x" * (PHRASE_MAX_LENGTH + 1)])
def test_the_page_refuses_phrases_that_cannot_be_filters(willow, threads, phrase):
    willow.post("/word-filters", data={"phrase": phrase})
    assert _filter_ids(willow) == []


def test_a_duplicate_in_other_capitals_is_refused_kindly_on_the_page(willow, threads):
    willow.post("/word-filters", data={"phrase": "hospital"})
    willow.post("/word-filters", data={"phrase": "HOSPITAL"})
    assert len(_filter_ids(willow)) == 1
    assert "You already filter that word." in _text(willow.get("/account"))


def test_word_filter_forms_need_a_login_and_a_csrf_token(make_app, client, threads, log_in):
    assert "/login" in client.post("/word-filters", data={"phrase": "x"}).headers["Location"]
    guarded = make_app(WTF_CSRF_ENABLED=True).test_client()
    log_in(guarded, "willow")
    assert guarded.post("/word-filters", data={"phrase": "hospital"}).status_code == 400


def test_the_api_adds_lists_and_removes_filters_with_limits(api, threads):
    willow = api.as_member("willow")
    response = willow("POST", "/me/word-filters", {"phrase": " Hospital "})
    assert response.status_code == 201
    added = response.get_json()
    assert added["phrase"] == "Hospital" and added["choice"] == "collapse"
    listing = willow("GET", "/me/word-filters").get_json()
    assert [f["id"] for f in listing["filters"]] == [added["id"]]
    assert listing["limits"] == {"filters": FILTERS_MAX, "phrase_length": PHRASE_MAX_LENGTH}
    assert willow("POST", "/me/word-filters", {"phrase": "HOSPITAL"}).status_code == 409
    assert willow("DELETE", f"/me/word-filters/{added['id']}").get_json()["filters"] == []
    assert willow("DELETE", f"/me/word-filters/{added['id']}").status_code == 404
    assert api("GET", "/me/word-filters").status_code == 401


@pytest.mark.parametrize("body,field", [
    ({"phrase": ""}, "phrase"), ({"phrase": 7}, "phrase"), ({"phrase": "x" * (PHRASE_MAX_LENGTH + 1)}, "phrase"),
    ({"phrase": "ok", "choice": "show"}, "choice"), ({"phrase": "ok", "colour": "red"}, "colour"), ({}, "phrase"),
])
def test_the_api_refuses_bad_filters_with_field_errors(api, threads, body, field):
    response = api.as_member("willow")("POST", "/me/word-filters", body)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]


def test_the_api_stops_at_the_limit(app, api, threads):
    willow = api.as_member("willow")
    with app.app_context():
        member = User.find_by_handle("willow")
        db.session.add_all(WordFilter(user_id=member.id, phrase=f"w{n}", phrase_key=f"w{n}", choice="collapse")
                           for n in range(FILTERS_MAX))
        db.session.commit()
    response = willow("POST", "/me/word-filters", {"phrase": "one more"})
    assert response.status_code == 422 and "phrase" in response.get_json()["error"]["fields"]


def test_api_listings_mask_hidden_titles_and_mark_collapsed_ones(api, threads):
    willow = api.as_member("willow")
    willow("POST", "/me/word-filters", {"phrase": "hospital", "choice": "hide"})
    listed = {t["id"]: t for t in willow("GET", "/boards/coping/threads").get_json()["threads"]}
    assert listed[threads["titled"]]["title"] == MASK and listed[threads["titled"]]["display"] == "hidden"
    assert listed[threads["titled"]]["word_filter"] is True
    assert listed[threads["plain"]]["title"] == "Bread day" and listed[threads["plain"]]["word_filter"] is False
    body = willow("GET", f"/threads/{threads['bodied']}").get_json()
    assert body["thread"]["title"] == MASK
    assert body["posts"][0]["display"] == "hidden" and body["posts"][0]["body_html"] == ""


def test_api_collapsed_titles_keep_their_words_behind_the_hint(api, threads):
    willow = api.as_member("willow")
    willow("POST", "/me/word-filters", {"phrase": "hospital"})
    listed = {t["id"]: t for t in willow("GET", "/boards/coping/threads").get_json()["threads"]}
    assert listed[threads["titled"]]["display"] == "collapsed" and listed[threads["titled"]]["word_filter"] is True
    assert listed[threads["titled"]]["title"] == "Hospital visits this week"


def test_word_filters_are_in_the_members_export(api, threads):
    willow = api.as_member("willow")
    willow("POST", "/me/word-filters", {"phrase": "hospital", "choice": "hide"})
    rows = willow("GET", "/me/export").get_json()["Your word filters"]
    assert [(r["phrase"], r["choice"]) for r in rows] == [("hospital", "hide")]
