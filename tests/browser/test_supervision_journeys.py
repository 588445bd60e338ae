"""A supervisor's page hears their own moderator's check-in request live; another supervisor's does not."""
from playwright.sync_api import expect

from forum.services import supervision
from forum.services.supervision_requests import request_check_in
from models import Role, User


def test_the_supervisor_on_call_hears_a_tap_out_live_and_answers_it_privately(live, open_as):
    moderator = live.member("ash", Role.MODERATOR)
    with live.app.app_context():
        supervision.assign(User.find_by_handle(live.member("keeper", Role.ADMIN)), User.find_by_handle(moderator),
                           User.find_by_handle(live.member("sage", Role.SUPERVISOR)))
    sage = open_as("sage")
    sage.goto("/supervision/")
    other = open_as(live.member("thyme", Role.SUPERVISOR))
    other.goto("/supervision/")
    for page in (sage, other):
        expect(page.locator("#check-in-alert")).to_have_attribute("data-live", "on")  # in its room now
    with live.app.app_context():
        request_id = request_check_in(User.find_by_handle(moderator), "stayed_with_me", note="That one stayed.").id
    expect(sage.locator("#check-in-alert")).to_be_visible()
    expect(sage.locator("#check-in-alert-link")).to_have_attribute("href", f"/supervision/requests/{request_id}")
    sage.click("#check-in-alert-link")
    expect(sage.locator("blockquote.their-words")).to_have_text("That one stayed.")
    sage.fill("textarea[name=note]", "Spoke on the phone; all right for now.")
    sage.click("form.form button[type=submit]")
    expect(sage.locator(".private-note")).to_have_text("Spoke on the phone; all right for now.")
    expect(other.locator("#check-in-alert")).to_be_hidden()
