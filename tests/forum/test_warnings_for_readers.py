"""Content notes as readers meet them: thread pages, thread lists and the API, by each reader's choices."""
import pytest

from forum.services.reading import update_reading_preferences
from models import Post, User, db

QUIET_POST = "Had a rough week but my sister sat with me and we watched films. Feeling a bit steadier."


@pytest.fixture
def noted_thread(app, make_member, api_on):
    """A thread whose opening post its author gave a content note for self-harm."""
    author = api_on(app, "fern")
    response = author("POST", "/boards/coping/threads", {
        "title": "A steadier week", "body": QUIET_POST, "content_notes": ["self_harm_mention"],
    })
    assert response.status_code == 201, response.get_json()
    return response.get_json()["thread"]["id"]


def _choose(app, handle, choice):
    with app.app_context():
        update_reading_preferences(User.find_by_handle(handle), {"self_harm_mention": choice})


def _thread_page(client, thread_id):
    return client.get(f"/t/{thread_id}").get_data(as_text=True)


def test_a_reader_who_chose_nothing_gets_the_post_collapsed_behind_its_note(member_client, noted_thread):
    page = _thread_page(member_client, noted_thread)
    assert '<details class="content-note">' in page
    assert "<summary>Content note: self-harm" in page
    assert page.index("<summary>") < page.index("my sister sat with me")


def test_a_reader_who_chose_show_reads_the_post_with_its_note_above(app, member_client, noted_thread):
    _choose(app, "willow", "show")
    page = _thread_page(member_client, noted_thread)
    assert '<details class="content-note">' not in page
    assert '<p class="content-note-label">Content note: self-harm</p>' in page and "my sister sat with me" in page


def test_a_reader_who_chose_hide_gets_a_placeholder_instead_of_the_words(app, member_client, noted_thread):
    _choose(app, "willow", "hide")
    page = _thread_page(member_client, noted_thread)
    assert "chosen to hide posts with this content note (self-harm)" in page
    assert "my sister sat with me" not in page


def test_authors_always_see_their_own_words_whatever_their_choices(app, log_in, noted_thread):
    _choose(app, "fern", "hide")
    author = app.test_client()
    log_in(author, "fern")
    page = _thread_page(author, noted_thread)
    assert "my sister sat with me" in page and '<details class="content-note">' not in page


def test_the_thread_list_marks_threads_whose_opening_post_has_a_note(member_client, noted_thread):
    page = member_client.get("/b/coping").get_data(as_text=True)
    assert '<p class="content-note-marker">Content note: self-harm</p>' in page


@pytest.mark.parametrize("choice, display", [(None, "collapsed"), ("show", "shown"), ("hide", "hidden")])
def test_the_api_gives_each_caller_a_display_hint_from_their_choices(app, member_api, noted_thread, choice, display):
    if choice:
        member_api("PUT", "/me/preferences", {"warnings": {"self_harm_mention": choice}})
    post = member_api("GET", f"/threads/{noted_thread}").get_json()["posts"][0]
    assert post["warnings"] == ["self_harm_mention"] and post["display"] == display
    assert member_api("GET", f"/posts/{post['id']}").get_json()["display"] == display
    threads = member_api("GET", "/boards/coping/threads").get_json()["threads"]
    assert threads[0]["warnings"] == ["self_harm_mention"] and threads[0]["display"] == display
    assert member_api("GET", f"/threads/{noted_thread}").get_json()["thread"]["display"] == display


def test_a_reader_who_hides_a_note_never_sees_the_threads_title_in_lists_or_as_its_heading(
    app, member_client, noted_thread
):
    _choose(app, "willow", "hide")
    for page in (member_client.get("/b/coping").get_data(as_text=True), _thread_page(member_client, noted_thread),
                 member_client.get(f"/t/{noted_thread}/reply").get_data(as_text=True)):
        assert "A steadier week" not in page
    assert "A thread you've chosen to hide (self-harm)" in _thread_page(member_client, noted_thread)


def test_a_collapsed_note_puts_the_title_behind_the_same_disclosure_as_the_post(app, member_client, noted_thread):
    listing = member_client.get("/b/coping").get_data(as_text=True)
    assert "A thread with a content note: self-harm" in listing
    assert listing.index("<summary>Show the title</summary>") < listing.index("A steadier week")
    page = _thread_page(member_client, noted_thread)
    assert "<title>A thread with a content note · Harbour</title>" in page
    assert page.index("<summary>Show the title</summary>") < page.index("A steadier week")
    _choose(app, "willow", "show")
    assert "<h1>A steadier week</h1>" in _thread_page(member_client, noted_thread)


def test_the_posts_notes_are_the_authors_and_the_engines_together(app, member_api, texts):
    response = member_api("POST", "/boards/coping/threads", {
        "title": "This week", "body": texts.URGES, "content_notes": ["disordered_eating"],
    })
    warnings = response.get_json()["post"]["warnings"]
    assert "disordered_eating" in warnings and "self_harm_mention" in warnings


def test_an_api_edit_keeps_the_authors_notes_unless_it_changes_them(member_api):
    post = member_api("POST", "/boards/coping/threads", {
        "title": "Steadier", "body": QUIET_POST, "content_notes": ["self_harm_mention"],
    }).get_json()["post"]
    kept = member_api("PATCH", f"/posts/{post['id']}", {"body": QUIET_POST + " Thanks all."}).get_json()
    assert kept["warnings"] == ["self_harm_mention"]
    cleared = member_api("PATCH", f"/posts/{post['id']}", {"body": QUIET_POST, "content_notes": []}).get_json()
    assert cleared["warnings"] == []


def test_content_notes_outside_the_list_are_refused_kindly(member_api):
    response = member_api("POST", "/boards/coping/threads", {
        "title": "Hi", "body": QUIET_POST, "content_notes": ["spiders"],
    })
    assert response.status_code == 422
    assert response.get_json()["error"]["fields"]["content_notes"] == "Choose content notes from the list."


@pytest.mark.parametrize("banned", ["method_detail", "numbers", "graphic_injury", "encouragement", "imminent_risk"])
def test_authors_cannot_label_what_the_guidelines_ban_outright(member_client, member_api, banned):
    assert f'value="{banned}"' not in member_client.get("/b/coping/new").get_data(as_text=True)
    response = member_api("POST", "/boards/coping/threads", {"title": "Hi", "body": QUIET_POST, "content_notes": [banned]})
    assert response.status_code == 422 and "content_notes" in response.get_json()["error"]["fields"]


def test_the_compose_form_offers_the_fixed_list_of_notes_and_stores_the_ones_ticked(app, member_client):
    form = member_client.get("/b/coping/new").get_data(as_text=True)
    assert "<legend>Add a content note (optional)</legend>" in form
    assert 'name="content_notes" type="checkbox" value="suicidal_ideation"' in form
    assert 'value="contact_sharing"' not in form
    member_client.post("/b/coping/new", data={
        "title": "Steadier", "body": QUIET_POST, "content_notes": ["disordered_eating"], "submit": "Post",
    })
    with app.app_context():
        post = db.session.scalar(db.select(Post))
        assert post.author_notes == ["disordered_eating"] and "disordered_eating" in post.warnings
    edit = member_client.get(f"/p/{post.id}/edit").get_data(as_text=True)
    assert 'checked id="content_notes-' in edit
    member_client.post(f"/p/{post.id}/edit", data={"body": QUIET_POST, "submit": "Post"})
    with app.app_context():
        assert db.session.get(Post, post.id).author_notes == []


def test_a_note_a_moderator_adds_when_approving_shows_to_readers(app, member_api, moderator_api, make_member, log_in, texts):
    created = member_api("POST", "/boards/coping/threads", {"title": "Insta", "body": texts.CONTACT})
    thread_id = created.get_json()["thread"]["id"]
    item = moderator_api("GET", "/moderation/queue").get_json()["items"][0]
    moderator_api("POST", f"/moderation/items/{item['id']}/claim")
    decided = moderator_api("POST", f"/moderation/items/{item['id']}/decision", {
        "decision": "approve_with_warning", "warnings": ["numbers"],
    })
    assert decided.get_json()["post"]["warnings"] == ["numbers"]
    reader = app.test_client()
    log_in(reader, make_member("maple"))
    page = _thread_page(reader, thread_id)
    assert "<summary>Content note: numbers" in page


def test_one_support_panel_per_page_follows_the_first_post_that_asks_for_help(app, member_api, texts, make_member, log_in):
    thread = member_api("POST", "/boards/coping/threads", {"title": "Urges", "body": texts.URGES}).get_json()["thread"]
    member_api("POST", f"/threads/{thread['id']}/posts", {"body": texts.URGES})
    reader = app.test_client()
    log_in(reader, make_member("maple"))
    with app.app_context():
        User.find_by_handle("maple").region = "AU"
        db.session.commit()
    page = _thread_page(reader, thread["id"])
    assert page.count("Support if you need it</h2>") == 1
    assert "Kids Helpline" in page and "Childline" not in page
