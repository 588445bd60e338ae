"""A moderator's own care on pages: the item page's "show" counts, the break prompt and its page, tap-out,
"this one stayed with me", the wellbeing page with opt-outs, and the admins' limits page."""
from forum.services import care_limits
from moderation.taxonomy import Category
from models import AdminAudit, DutyShift, ExposureView, QueueItem, SupervisionRequest, User, db


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_the_item_pages_show_counts_and_opening_the_page_does_not(app, moderator_client, make_item):
    item = make_item(Category.GRAPHIC_INJURY)
    page = moderator_client.get(f"/moderate/items/{item}").get_data(as_text=True)
    assert f'data-reveal-url="/moderate/items/{item}/reveal"' in page and 'id="break-prompt" role="status" hidden' in page
    assert _count(app, ExposureView) == 0  # opening the page is not looking
    answer = moderator_client.post(f"/moderate/items/{item}/reveal", headers={"Accept": "application/json"})
    assert answer.get_json() == {"suggest_break": False}
    assert _count(app, ExposureView) == 1


def test_without_javascript_the_show_button_counts_and_comes_back_shown(app, moderator_client, make_item):
    item = make_item(Category.NUMBERS)
    back = moderator_client.post(f"/moderate/items/{item}/reveal")
    assert back.status_code == 302 and back.location.endswith(f"/moderate/items/{item}?shown=1#post-heading")
    shown = moderator_client.get(back.location).get_data(as_text=True)
    assert 'class="reveal-toggle"' in shown and "checked>" in shown.split('id="reveal-post"')[1].split("<label")[0]
    assert _count(app, ExposureView) == 1


def test_past_the_soft_limit_the_queue_offers_a_break_that_keeps_claims(app, admin_api, moderator_client, make_item):
    admin_api("PUT", "/admin/care-limits", {"soft": 1, "break_minutes": 10})
    item = make_item(Category.SELF_HARM_MENTION)
    moderator_client.post("/moderate/duty", data={"on_duty": "1"})
    moderator_client.post(f"/moderate/items/{item}/claim")
    moderator_client.post(f"/moderate/items/{item}/reveal", headers={"Accept": "application/json"})
    queue_page = moderator_client.get("/moderate/").get_data(as_text=True)
    assert "You've looked at a lot of heavy posts; take 10 minutes." in queue_page
    on_break = moderator_client.post("/moderate/break", follow_redirects=True).get_data(as_text=True)
    assert "Take a breath" in on_break and "Your 1 claimed item(s) are kept for you" in on_break
    assert "You've looked at a lot" not in moderator_client.get("/moderate/").get_data(as_text=True)
    back = moderator_client.post("/moderate/break/end", follow_redirects=True).get_data(as_text=True)
    assert "Your claims are where you left them" in back
    with app.app_context():
        assert db.session.get(QueueItem, item).claimed_by.handle == "harbourmaster"


def test_tapping_out_on_the_queue_page_gives_claims_back_and_shows_support(app, moderator_client, make_item):
    item = make_item(Category.GRAPHIC_INJURY)
    moderator_client.post("/moderate/duty", data={"on_duty": "1"})
    moderator_client.post(f"/moderate/items/{item}/claim")
    assert 'id="tap-out"' in moderator_client.get("/moderate/").get_data(as_text=True)
    support = moderator_client.post("/moderate/tap-out", follow_redirects=True).get_data(as_text=True)
    assert "Support for you" in support and "1 item(s) went back to the queue" in support
    assert "write a safety plan" in support
    with app.app_context():
        assert db.session.get(QueueItem, item).claimed_by_id is None
        assert db.session.scalar(db.select(DutyShift.end_reason)) == "tap_out"
        assert db.session.scalar(db.select(SupervisionRequest.kind)) == "tap_out"


def test_this_one_stayed_with_me_on_the_item_page(app, moderator_client, make_item):
    item = make_item(Category.GRAPHIC_INJURY)
    done = moderator_client.post(f"/moderate/items/{item}/stayed-with-me", data={"note": "The arm one."},
                                 follow_redirects=True).get_data(as_text=True)
    assert "Your supervisor will check in with you" in done
    with app.app_context():
        request = db.session.scalar(db.select(SupervisionRequest))
        assert (request.kind, request.queue_item_id, request.note) == ("stayed_with_me", item, "The arm one.")
    wellbeing = moderator_client.get("/moderate/wellbeing").get_data(as_text=True)
    assert "a post stayed with you" in wellbeing


def test_the_wellbeing_page_shows_only_ones_own_figures_and_saves_opt_outs(app, moderator_client, member_client,
                                                                          make_item):
    item = make_item(Category.DISORDERED_EATING)
    moderator_client.post(f"/moderate/items/{item}/reveal")
    page = moderator_client.get("/moderate/wellbeing").get_data(as_text=True)
    assert '<td data-category="disordered_eating">1</td>' in page and "never ranked" in page
    moderator_client.post("/moderate/opt-outs", data={"categories": ["disordered_eating", "numbers"]})
    page = moderator_client.get("/moderate/wellbeing").get_data(as_text=True)
    assert 'value="disordered_eating" checked' in page and 'value="numbers" checked' in page
    assert moderator_client.post("/moderate/opt-outs", data={"categories": ["pizza"]}).status_code == 400
    for path in ("/moderate/wellbeing", "/moderate/break", "/moderate/support"):
        assert member_client.get(path).status_code == 403
    assert member_client.post("/moderate/tap-out").status_code == 403


def test_admins_set_limits_on_a_page_and_the_soft_limit_must_stay_below_the_hard(app, admin_client, moderator_client):
    page = admin_client.get("/admin/care-limits")
    assert page.status_code == 200 and 'value="15"' in page.get_data(as_text=True)
    saved = admin_client.post("/admin/care-limits", data={"soft": 8, "hard": 20, "break_minutes": 15},
                              follow_redirects=True)
    assert "Saved." in saved.get_data(as_text=True)
    refused = admin_client.post("/admin/care-limits", data={"soft": 30, "hard": 20, "break_minutes": 15})
    assert refused.status_code == 200 and "lower than the hard limit" in refused.get_data(as_text=True)
    assert moderator_client.get("/admin/care-limits").status_code == 403
    with app.app_context():
        assert care_limits.current().to_dict() == {"soft": 8, "hard": 20, "break_minutes": 15}
        assert [e.action for e in AdminAudit.newest_first()].count("care.limits") == 1
