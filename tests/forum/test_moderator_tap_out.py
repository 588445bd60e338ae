"""Tapping out in one step, "this one stayed with me", the admin-set limits, and who may see whose figures."""
from models import AdminAudit, DutyShift, QueueItem, Role, SupervisionRequest, db
from moderation.taxonomy import Category
from tests.forum.test_moderator_exposure import _wellbeing


def test_tap_out_releases_claims_ends_duty_and_asks_the_supervisor(app, api, moderator_api, make_member, make_item):
    first, second = make_item(Category.GRAPHIC_INJURY), make_item(Category.IMMINENT_RISK, crisis=True)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    for item in (first, second):
        assert moderator_api("POST", f"/moderation/items/{item}/claim").status_code == 200
    moderator_api("PUT", "/me/safety-plan", {"things_that_help": "A walk by the river."})
    moderator_api("POST", "/me/break")
    done = moderator_api("POST", "/me/tap-out")
    assert done.status_code == 200, done.get_json()
    body = done.get_json()
    assert body["released"] == 2 and body["on_duty"] is False and body["request"]["kind"] == "tap_out"
    assert body["safety_plan"]["things_that_help"] == "A walk by the river." and body["resources"]
    assert moderator_api("GET", "/me/duty").get_json()["on_duty"] is False
    assert moderator_api("GET", "/me/break").get_json()["on_break"] is False
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    assert other("POST", f"/moderation/items/{second}/claim").status_code == 200  # free for someone else
    with app.app_context():
        assert db.session.get(QueueItem, first).claimed_by_id is None
        shift = db.session.scalar(db.select(DutyShift))
        assert shift.end_reason == "tap_out"
        actions = [entry.action for entry in AdminAudit.newest_first()]
        assert {"queue.release", "duty.off", "supervision.request"} <= set(actions)


def test_tapping_out_with_nothing_held_still_asks_for_a_check_in(app, moderator_api):
    body = moderator_api("POST", "/me/tap-out", {"note": "A long day."}).get_json()
    assert body["released"] == 0 and body["safety_plan"] is None and body["request"]["note"] == "A long day."
    assert moderator_api("POST", "/me/tap-out", {"note": 5}).status_code == 422
    assert moderator_api("POST", "/me/tap-out", "not an object").status_code == 400
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(SupervisionRequest.id))) == 1  # the bad ones made nothing


def test_this_one_stayed_with_me_asks_for_a_check_in_about_the_item(app, admin_api, moderator_api, make_item):
    item = make_item(Category.GRAPHIC_INJURY)
    asked = moderator_api("POST", f"/moderation/items/{item}/stayed-with-me", {"note": "The one about the arm."})
    assert asked.status_code == 201
    assert asked.get_json()["request"] | {"created_at": None} == {
        "id": 1, "moderator": "harbourmaster", "kind": "stayed_with_me", "queue_item_id": item,
        "note": "The one about the arm.", "created_at": None, "answered_at": None, "answered_by": None}
    [listed] = admin_api("GET", "/supervision/requests").get_json()["requests"]
    assert listed["kind"] == "stayed_with_me" and listed["queue_item_id"] == item
    assert moderator_api("POST", "/moderation/items/999999/stayed-with-me").status_code == 404


def test_members_see_no_wellbeing_and_moderators_see_only_their_own(api, member_api, moderator_api, admin_api,
                                                                    make_member, make_item):
    item = make_item(Category.SELF_HARM_MENTION)
    moderator_api("POST", f"/moderation/items/{item}/reveal")
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    assert _wellbeing(moderator_api)["opened_unblurred"] == 1
    assert _wellbeing(other)["opened_unblurred"] == 0  # another moderator's figures are never theirs
    assert _wellbeing(admin_api)["opened_unblurred"] == 0
    for path in ("/me/wellbeing", "/me/break", "/me/opt-outs"):
        assert member_api("GET", path).status_code == 403
    assert member_api("POST", "/me/tap-out").status_code == 403
    assert member_api("POST", f"/moderation/items/{item}/stayed-with-me").status_code == 403
    assert api("GET", "/me/wellbeing").status_code == 401


def test_admins_set_the_limits_audited_and_bad_values_are_422(app, admin_api, moderator_api):
    assert admin_api("GET", "/admin/care-limits").get_json() == {"soft": 15, "hard": 30, "break_minutes": 10}
    changed = admin_api("PUT", "/admin/care-limits", {"soft": 5, "break_minutes": 15})
    assert changed.get_json() == {"soft": 5, "hard": 30, "break_minutes": 15}
    assert _wellbeing(moderator_api)["limits"] | {"heavy_since_break": 0} == {
        "soft": 5, "hard": 30, "break_minutes": 15, "heavy_since_break": 0, "soft_reached": False,
        "hard_reached": False}
    for bad in ({"soft": 40}, {"hard": 0}, {"soft": "5"}, {"soft": True}, {"loud": 3}):
        refused = admin_api("PUT", "/admin/care-limits", bad)
        assert refused.status_code == 422, bad
    assert moderator_api("PUT", "/admin/care-limits", {"soft": 3}).status_code == 403
    with app.app_context():
        [entry] = [e for e in AdminAudit.newest_first() if e.action == "care.limits"]
        assert entry.actor.handle == "keeper" and '"soft": 5' in entry.diff
