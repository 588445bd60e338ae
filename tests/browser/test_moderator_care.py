"""A moderator's own care in a real browser: choosing to see a heavy post counts, the soft limit offers a
break whose timer page keeps their claim, and tapping out from the queue leads to their own support."""
from playwright.sync_api import expect

from forum.services import care_limits, posts
from moderation.taxonomy import Category
from models import Board, ExposureView, ItemKind, QueueItem, QueueReason, ReasonSource, Role, User, db


def _held(live, *categories: Category) -> int:
    """A post held with these categories, as screening would leave it."""
    with live.app.app_context():
        author = User.find_by_handle("willow") or User.find_by_handle(live.member("willow"))
        _, post = posts.create_thread(Board.find_by_slug("coping"), author, "A hard week",
                                      "It has been a long week and I wanted to talk about it here.")
        item = QueueItem(post=post, kind=ItemKind.SCREENING.value)
        item.reasons = [QueueReason(source=ReasonSource.CATEGORY.value, code=c.value, score=0.9) for c in categories]
        db.session.add(item)
        db.session.commit()
        return item.id


def test_revealing_heavy_posts_leads_to_a_break_that_keeps_the_claim(live, open_as):
    with live.app.app_context():
        care_limits.set_limits(User.find_by_handle(live.member("keeper", Role.ADMIN)), {"soft": 1, "break_minutes": 10})
    item = _held(live, Category.SELF_HARM_MENTION, Category.NUMBERS)
    moderator = open_as(live.member("harbourmaster", Role.MODERATOR))
    moderator.goto(f"/moderate/items/{item}")
    moderator.click("button[data-shortcut=c]")  # claim it
    prompt = moderator.locator("#break-prompt")
    expect(prompt).to_be_hidden()
    moderator.click("label[for=reveal-post]")
    expect(prompt).to_be_visible()
    expect(prompt).to_contain_text("You've looked at a lot of heavy posts; take 10 minutes")
    with live.app.app_context():
        assert db.session.scalar(db.select(db.func.count(ExposureView.id))) == 1
    moderator.click("#take-break")
    expect(moderator.locator("h1")).to_have_text("Take a breath")
    expect(moderator.locator("#break-left")).to_contain_text("minutes left")
    expect(moderator.locator("main")).to_contain_text("Your 1 claimed item(s) are kept for you")
    moderator.click("text=I'm back")
    expect(moderator.locator(".flash")).to_contain_text("Your claims are where you left them")
    expect(moderator.locator(f'tr[data-item-id="{item}"] [data-claimed-by]')).to_have_text("harbourmaster")


def test_tapping_out_from_the_queue_gives_the_claim_back_and_offers_support(live, open_as):
    item = _held(live, Category.GRAPHIC_INJURY)
    moderator = open_as(live.member("harbourmaster", Role.MODERATOR))
    moderator.goto("/moderate/")
    moderator.click("form.duty-panel button[type=submit]")  # on duty
    moderator.goto(f"/moderate/items/{item}")
    moderator.click("button[data-shortcut=c]")
    moderator.goto("/moderate/")
    moderator.click("#tap-out")
    expect(moderator.locator("h1")).to_have_text("Support for you")
    expect(moderator.locator(".flash")).to_contain_text("1 item(s) went back to the queue")
    moderator.goto("/moderate/")
    expect(moderator.locator(".duty-status")).to_contain_text("You're off duty")
    expect(moderator.locator(f'tr[data-item-id="{item}"] [data-claimed-by]')).to_have_text("—")
