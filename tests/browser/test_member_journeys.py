"""A member writing, in a real browser: the compose nudge with and without JavaScript, a crisis post
reaching help at once and the moderator's screen live, and reading choices covering titles too."""
import re

from playwright.sync_api import expect

from forum.services import posts
from forum.services.reading import update_reading_preferences
from models import Board, Role, User

NUMBERS = "Relapsed last night after four months. The doctor said I needed 12 stitches and I feel ashamed."
CRISIS = "I've written my goodbye letters and I'm going to end it tonight."


def test_the_compose_nudge_asks_to_leave_numbers_out_while_typing(live, open_as):
    page = open_as(live.member("willow"))
    page.goto("/b/coping/new")
    page.fill("textarea[name=body]", NUMBERS)
    guidance = page.locator("#compose-guidance")
    expect(guidance).to_contain_text("leave them out")
    expect(guidance).not_to_contain_text("Add a content note: numbers")
    assert guidance.inner_text().count("leave them out") == 1


def test_a_crisis_draft_gets_help_first_not_a_labelling_chore(live, open_as):
    page = open_as(live.member("willow"))
    page.goto("/b/hard-time/new")
    page.fill("textarea[name=body]", "tonight is the night, I've written my goodbye notes")
    guidance = page.locator("#compose-guidance")
    expect(guidance.locator('a[href="tel:999"]')).to_have_text("Call 999")
    expect(guidance.locator('a[href^="sms:"]').first).to_be_visible()
    expect(guidance).to_contain_text("Write a safety plan")
    expect(guidance).to_contain_text("a moderator will see it")
    expect(guidance).not_to_contain_text("content note")


def test_check_my_post_gives_the_same_nudge_without_javascript(live, open_as):
    page = open_as(live.member("willow"), java_script_enabled=False)
    page.goto("/b/coping/new")
    page.fill("input[name=title]", "Rough night")
    page.fill("textarea[name=body]", NUMBERS)
    page.click("input[name=check]")
    expect(page.locator("#compose-guidance")).to_contain_text("leave them out")
    expect(page.locator("textarea[name=body]")).to_have_value(NUMBERS)  # nothing posted, draft kept


def test_a_crisis_post_reaches_help_at_once_and_the_moderator_hears_it_live(live, open_as):
    moderator = open_as(live.member("harbourmaster", Role.MODERATOR), permissions=["notifications"])
    moderator.add_init_script(
        "window.__notices = []; const Real = window.Notification;"
        "window.Notification = class extends Real { constructor(t, o) { super(t, o); window.__notices.push(t); } };"
        "Object.defineProperty(window.Notification, 'permission', { get: () => Real.permission });"
        "window.Notification.requestPermission = (...a) => Real.requestPermission(...a);"
    )
    moderator.goto("/moderate/")
    settings = moderator.locator("#alert-settings")
    expect(moderator.locator("#sound-state")).to_have_text("Sound alerts: off")
    moderator.click("#sound-toggle")  # the user gesture that lets the page play sound
    expect(settings).to_have_attribute("data-sound", "on")
    expect(moderator.locator("#sound-state")).to_have_text("Sound alerts: on")
    moderator.click("#notify-toggle")
    expect(moderator.locator("#notify-state")).to_have_text("Desktop notifications: on")
    moderator.reload()  # the choice is remembered; this browser lets it play again after one click
    expect(moderator.locator("#sound-toggle")).to_have_text("Turn off sound alerts")
    moderator.locator("h1").click()
    expect(settings).to_have_attribute("data-sound", "on")

    member = open_as(live.member("willow"))
    member.goto("/b/hard-time/new")
    member.fill("input[name=title]", "Tonight")
    member.fill("textarea[name=body]", CRISIS)
    member.click("input[name=submit]")
    member.wait_for_url(re.compile(r"/crisis/\d+$"))
    expect(member.locator("h1")).to_have_text("You don't have to face this alone")
    expect(member.locator('a[href="tel:999"]').first).to_be_visible()

    expect(moderator.locator("#crisis-alert")).to_be_visible()
    expect(settings).to_have_attribute("data-chimes", "1")
    expect(moderator).to_have_title(re.compile("Crisis post waiting"))
    assert moderator.evaluate("window.__notices") == ["Crisis post waiting on Harbour"]
    row = moderator.locator("#queue-table tbody tr").first
    expect(row).to_contain_text("immediate danger")
    expect(moderator.locator('[data-count="crisis"]')).to_have_text("1")


def test_reader_choices_cover_thread_titles_in_lists_and_headings(live, open_as):
    with live.app.app_context():
        author = User.find_by_handle(live.member("fern"))
        thread, _ = posts.create_thread(Board.find_by_slug("coping"), author, "A steadier week",
                                        "Had a rough week but my sister sat with me and we watched films.",
                                        ["self_harm_mention"])
        thread_id = thread.id
        reader = User.find_by_handle(live.member("willow"))
    page = open_as("willow")
    page.goto("/b/coping")
    title = page.get_by_text("A steadier week")
    expect(title).to_be_hidden()  # collapsed by default, like the post
    expect(page.locator("main")).to_contain_text("A thread with a content note: self-harm")
    page.get_by_text("Show the title").click()
    expect(title).to_be_visible()
    with live.app.app_context():
        update_reading_preferences(User.find_by_handle(reader.handle), {"self_harm_mention": "hide"})
    for path in ("/b/coping", f"/t/{thread_id}"):
        page.goto(path)
        expect(page.locator("main")).to_contain_text("chosen to hide")
        assert "A steadier week" not in page.content()
    assert "A steadier week" not in page.title()


def test_a_word_filter_added_on_the_account_page_collapses_a_title_until_the_reader_opens_it(live, open_as):
    with live.app.app_context():
        author = User.find_by_handle(live.member("fern"))
        posts.create_thread(Board.find_by_slug("coping"), author, "Hospital visits this week",
                            "Visiting my gran, she's doing well and loves the biscuits we bring.")
    page = open_as(live.member("willow"))
    page.goto("/account#word-filters")
    page.fill("input[name=phrase]", "HOSPITAL")
    page.get_by_role("button", name="Add to my word filters").click()
    expect(page.locator("main")).to_contain_text("“HOSPITAL” (collapsed)")
    page.goto("/b/coping")
    title = page.get_by_text("Hospital visits this week")
    expect(title).to_be_hidden()
    expect(page.locator("main")).to_contain_text("Title hidden by your word filter")
    page.get_by_text("Show the title").click()
    expect(title).to_be_visible()
