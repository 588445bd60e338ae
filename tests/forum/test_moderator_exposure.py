"""Exposure, noticed kindly: counted only from what a moderator chose to see, driving a break prompt and,
past the hard limit, leaving crisis and graphic items to someone else on duty (never when nobody else is)."""
from datetime import timedelta

import pytest

from forum.services import care_limits
from moderation.taxonomy import Category
from models import DutyShift, ExposureView, ModeratorBreak, QueueItem, Role, SupervisionRequest, User, db
from models.base import utcnow


@pytest.fixture
def limits(app, make_member):
    def set_to(soft: int, hard: int):
        with app.app_context():
            care_limits.set_limits(User.find_by_handle(make_member("quay", Role.ADMIN)),
                                   {"soft": soft, "hard": hard})

    return set_to


def _time_passes(app, delta: timedelta) -> None:
    """Move what has happened so far into the past: shifts, reveals and breaks."""
    with app.app_context():
        for shift in db.session.scalars(db.select(DutyShift)):
            shift.started_at -= delta
        for view in db.session.scalars(db.select(ExposureView)):
            view.created_at -= delta
        for pause in db.session.scalars(db.select(ModeratorBreak)):
            pause.started_at, pause.ends_at = pause.started_at - delta, pause.ends_at - delta
        db.session.commit()


def _wellbeing(caller) -> dict:
    response = caller("GET", "/me/wellbeing")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _queue_ids(caller) -> list[int]:
    return [item["id"] for item in caller("GET", "/moderation/queue").get_json()["items"]]


def test_only_revealed_items_count_and_a_second_reveal_in_a_shift_counts_once(moderator_api, make_item):
    eating, graphic = make_item(Category.DISORDERED_EATING), make_item(Category.GRAPHIC_INJURY, Category.NUMBERS)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    assert moderator_api("GET", f"/moderation/items/{eating}").status_code == 200  # opened, left blurred
    assert moderator_api("GET", f"/moderation/items/{graphic}").status_code == 200
    before = _wellbeing(moderator_api)
    assert before["opened_unblurred"] == 0 and set(before["exposure"].values()) == {0}
    for _ in range(2):
        assert moderator_api("POST", f"/moderation/items/{graphic}/reveal").status_code == 200
    after = _wellbeing(moderator_api)
    assert after["opened_unblurred"] == 1
    assert {c: n for c, n in after["exposure"].items() if n} == {"graphic_injury": 1, "numbers": 1}
    assert after["on_duty"] is True and 0 <= after["since_break_seconds"] < 60


def test_a_real_crisis_post_revealed_counts_as_someone_in_danger(app, member_api, moderator_api, texts):
    member_api("POST", "/boards/hard-time/threads", {"title": "Tonight", "body": texts.CRISIS})
    [item_id] = _queue_ids(moderator_api)
    moderator_api("POST", f"/moderation/items/{item_id}/reveal")
    assert _wellbeing(moderator_api)["exposure"]["imminent_risk"] == 1
    with app.app_context():
        assert db.session.scalar(db.select(ExposureView.crisis)) is True


def test_a_new_shift_starts_the_count_again(moderator_api, make_item):
    item = make_item(Category.SELF_HARM_MENTION)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    moderator_api("POST", f"/moderation/items/{item}/reveal")
    moderator_api("PUT", "/me/duty", {"on_duty": False})
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    assert _wellbeing(moderator_api)["opened_unblurred"] == 0
    moderator_api("POST", f"/moderation/items/{item}/reveal")  # the same item in a new shift is seen again
    assert _wellbeing(moderator_api)["exposure"]["self_harm_mention"] == 1


def test_the_soft_limit_suggests_a_break_and_a_break_resets_it_but_not_the_shift(app, moderator_api, make_item, limits):
    limits(soft=2, hard=10)
    items = [make_item(Category.SELF_HARM_MENTION) for _ in range(3)]
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    assert moderator_api("POST", f"/moderation/items/{items[0]}/reveal").get_json()["suggest_break"] is False
    second = moderator_api("POST", f"/moderation/items/{items[1]}/reveal").get_json()
    assert second["suggest_break"] is True and second["wellbeing"]["limits"]["soft_reached"] is True
    on_break = moderator_api("POST", "/me/break").get_json()
    assert on_break["on_break"] is True
    _time_passes(app, timedelta(minutes=11))  # the ten-minute break is over
    back = _wellbeing(moderator_api)
    assert back["limits"]["heavy_since_break"] == 0 and back["heavy"] == 2 and back["since_break_seconds"] < 120
    assert moderator_api("POST", f"/moderation/items/{items[2]}/reveal").get_json()["suggest_break"] is False


def test_a_break_keeps_claims_for_the_moderator(app, api, moderator_api, make_member, make_item):
    item = make_item(Category.NUMBERS)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    moderator_api("POST", f"/moderation/items/{item}/claim")
    ends_at = moderator_api("POST", "/me/break").get_json()["ends_at"]
    with app.app_context():
        held = db.session.get(QueueItem, item)
        assert held.claimed_by.handle == "harbourmaster"
        assert held.claim_expires_at > utcnow() + timedelta(minutes=care_limits.current().break_minutes)
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    assert other("POST", f"/moderation/items/{item}/claim").status_code == 409
    assert ends_at.endswith("Z")


def test_past_the_hard_limit_crisis_and_graphic_items_go_to_someone_else_on_duty(
        api, moderator_api, make_member, make_item, limits):
    limits(soft=1, hard=2)
    crisis, graphic, eating = make_item(Category.IMMINENT_RISK, crisis=True), make_item(Category.GRAPHIC_INJURY), \
        make_item(Category.DISORDERED_EATING)
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    other("PUT", "/me/duty", {"on_duty": True})
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    assert _queue_ids(moderator_api) == [crisis, graphic, eating]
    for item in (graphic, eating):
        moderator_api("POST", f"/moderation/items/{item}/reveal")
    assert _wellbeing(moderator_api)["limits"]["hard_reached"] is True
    assert _queue_ids(moderator_api) == [eating]
    assert moderator_api("GET", "/moderation/queue").get_json()["counts"] == {"crisis": 0, "worry": 0, "routine": 1}
    assert _queue_ids(other) == [crisis, graphic, eating]  # the other moderator is offered all of it


def test_when_everyone_on_duty_is_past_the_hard_limit_everyone_is_still_offered_the_crisis(
        app, api, moderator_api, make_member, make_item, limits):
    limits(soft=1, hard=2)
    crisis, first, second = make_item(Category.IMMINENT_RISK, crisis=True), make_item(Category.GRAPHIC_INJURY), \
        make_item(Category.SELF_HARM_MENTION)
    other = api.as_member(make_member("lighthouse", Role.MODERATOR))
    for caller in (moderator_api, other):
        caller("PUT", "/me/duty", {"on_duty": True})
    for caller in (moderator_api, other):
        for item in (first, second):
            caller("POST", f"/moderation/items/{item}/reveal")
    assert crisis in _queue_ids(moderator_api) and crisis in _queue_ids(other)
    with app.app_context():  # the second to pass the limit had nobody left to hand crisis items to
        assert [r.moderator.handle for r in db.session.scalars(db.select(SupervisionRequest))] == ["lighthouse"]


def test_alone_on_duty_past_the_hard_limit_the_crisis_stays_theirs_and_the_supervisor_is_asked(
        app, moderator_api, make_item, limits):
    limits(soft=1, hard=2)
    crisis, first, second = make_item(Category.IMMINENT_RISK, crisis=True), make_item(Category.GRAPHIC_INJURY), \
        make_item(Category.SELF_HARM_MENTION)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    for item in (first, second, crisis):
        moderator_api("POST", f"/moderation/items/{item}/reveal")
    assert _wellbeing(moderator_api)["limits"]["hard_reached"] is True
    assert crisis in _queue_ids(moderator_api)
    with app.app_context():
        requests = db.session.scalars(db.select(SupervisionRequest)).all()
        assert [(r.kind, r.queue_item_id, r.moderator.handle) for r in requests] == [
            ("hard_limit", second, "harbourmaster")]  # asked once, when the limit was reached


def test_off_duty_past_the_hard_limit_nobody_is_asked(app, moderator_api, make_item, limits):
    limits(soft=1, hard=2)
    for item in (make_item(Category.GRAPHIC_INJURY), make_item(Category.METHOD_DETAIL)):
        moderator_api("POST", f"/moderation/items/{item}/reveal")
    assert _wellbeing(moderator_api)["on_duty"] is False and _wellbeing(moderator_api)["since_break_seconds"] is None
    with app.app_context():
        assert db.session.scalars(db.select(SupervisionRequest)).all() == []


def test_reveal_needs_a_moderator_and_a_real_item(api, member_api, moderator_api, make_item):
    item = make_item(Category.NUMBERS)
    assert member_api("POST", f"/moderation/items/{item}/reveal").status_code == 403
    assert api("POST", f"/moderation/items/{item}/reveal").status_code == 401
    assert moderator_api("POST", "/moderation/items/999999/reveal").status_code == 404
