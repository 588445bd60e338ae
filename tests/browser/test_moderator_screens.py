"""The moderator's screens in a real browser: rows that arrive live in the queue's order, and an item
page that keeps every trace of the post blurred until the moderator chooses, and fits a phone."""
from playwright.sync_api import expect

from forum.services import posts
from models import Board, Role, User

CONTACT = "ADD ME ON 1NSTA if u wanna talk x"
CRISIS = "I've written my goodbye letters and I'm going to end it tonight."
BLURRED = ("#post-text", "textarea[name=body]", ".reasons .sensitive", ".explanation", ".thread-context .sensitive")


def _post(live, handle, body, board="coping"):
    with live.app.app_context():
        author = User.find_by_handle(handle) or User.find_by_handle(live.member(handle))
        _, post = posts.create_thread(Board.find_by_slug(board), author, "Hi", body)
        return post.id


def test_new_queue_rows_appear_live_in_the_queues_order(live, open_as):
    moderator = open_as(live.member("harbourmaster", Role.MODERATOR))
    moderator.goto("/moderate/")
    expect(moderator.locator("#queue-empty")).to_be_visible()
    moderator.wait_for_function("() => document.querySelector('#queue-live') !== null")
    moderator.wait_for_timeout(500)  # the Socket.IO connection is up by now on any machine
    _post(live, "willow", CONTACT)
    rows = moderator.locator("#queue-table tbody tr")
    expect(rows).to_have_count(1)
    expect(moderator.locator("#queue-empty")).to_be_hidden()
    _post(live, "fern", CRISIS, board="hard-time")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-priority", "crisis")
    expect(rows.nth(0)).to_contain_text("immediate danger")
    expect(rows.nth(1)).to_contain_text("Invitation to talk elsewhere")
    expect(moderator.locator('[data-count="crisis"]')).to_have_text("1")
    expect(moderator.locator('[data-count="routine"]')).to_have_text("1")
    moderator.reload()  # what arrived live is what the server lists
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-priority", "crisis")


def test_the_item_page_is_blurred_everywhere_until_chosen_and_fits_a_phone(live, open_as):
    with live.app.app_context():
        author = User.find_by_handle(live.member("willow"))
        thread, _ = posts.create_thread(Board.find_by_slug("coping"), author, "Hi", "Baked bread today, it rose!")
        posts.create_reply(thread, author, CONTACT)
    moderator = open_as(live.member("harbourmaster", Role.MODERATOR), viewport={"width": 390, "height": 844})
    moderator.goto("/moderate/")
    moderator.locator("#queue-table a").first.click()
    moderator.locator(".thread-context summary").click()

    def filters():
        return {selector: moderator.locator(selector).first.evaluate("e => getComputedStyle(e).filter")
                for selector in BLURRED}

    assert all("blur" in value for value in filters().values()), filters()
    assert moderator.evaluate("document.documentElement.scrollWidth") <= 390
    moderator.click("label[for=reveal-post]")
    assert set(filters().values()) == {"none"}
    moderator.keyboard.press("v")  # and back again from the keyboard
    assert all("blur" in value for value in filters().values())
    moderator.set_viewport_size({"width": 1280, "height": 800})
    assert moderator.evaluate("document.documentElement.scrollWidth") <= 1280
