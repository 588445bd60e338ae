"""Coverage by hour of the week, against hand-computed numbers on a seeded week; the admin page and API."""
from datetime import timedelta

import pytest

from forum.services import InvalidInput
from forum.services.coverage import coverage, parse_weeks
from models import AdminAudit, Role
from models.base import utcnow
from tests.forum.history import at, item, shift


@pytest.fixture
def week(app, make_member):
    """Monday 23 to Monday 30 November: two overlapping shifts on Tuesday, a lapsed one on Wednesday."""
    for handle in ("ash", "birch", "cedar"):
        make_member(handle, Role.MODERATOR)
    make_member("river")
    with app.app_context():
        shift("ash", at(23, 11), at(23, 13))  # starts before the window: only 12:00-13:00 counts
        shift("ash", at(24, 9), at(24, 11, 30))
        shift("birch", at(24, 10, 30), at(24, 12))
        shift("cedar", at(25, 8), None, expires=at(25, 8, 20))  # went quiet: lapsed after 20 minutes
        item("river", at(23, 11))  # before the window
        item("river", at(24, 9, 15))  # covered
        item("river", at(24, 12, 5))  # just after both shifts ended: a gap
        item("river", at(25, 8, 10))  # covered by the lapsed shift before it lapsed
        item("river", at(25, 8, 40))  # after it lapsed: a gap
        item("river", at(30, 12, 10))  # after the window (it ends at the start of the current hour)
        yield coverage(1, now=at(30, 12, 30))


def slot(report, weekday: int, hour: int):
    return next(s for s in report.slots if s.weekday == weekday and s.hour == hour)


def test_the_window_is_whole_weeks_ending_at_the_current_hour(week):
    assert (week.start, week.end) == (at(23, 12), at(30, 12))
    assert len(week.slots) == 168


def test_covered_minutes_join_overlapping_shifts_and_moderators_add_up(week):
    tuesday = [slot(week, 1, hour) for hour in (9, 10, 11)]
    assert [s.covered_percent for s in tuesday] == [100.0, 100.0, 100.0]
    assert [s.moderators for s in tuesday] == [1.0, 1.5, 1.5]
    assert slot(week, 0, 12).covered_percent == 100.0 and slot(week, 0, 11).covered_percent == 0.0


def test_a_lapsed_shift_counts_until_it_lapsed(week):
    wednesday = slot(week, 2, 8)
    assert wednesday.covered_percent == 33.3 and wednesday.moderators == 0.33


def test_items_that_arrive_with_nobody_on_duty_make_gaps(week):
    assert (slot(week, 1, 9).arrived, slot(week, 1, 9).arrived_uncovered, slot(week, 1, 9).is_gap) == (1, 0, False)
    assert (slot(week, 1, 12).arrived, slot(week, 1, 12).arrived_uncovered, slot(week, 1, 12).is_gap) == (1, 1, True)
    assert (slot(week, 2, 8).arrived, slot(week, 2, 8).arrived_uncovered) == (2, 1)
    assert sum(s.arrived for s in week.slots) == 4
    assert week.to_dict()["gaps"] == 2


def test_the_week_folds_onto_hours_of_the_day_for_the_chart(week):
    by_hour = {row["hour"]: row for row in week.by_hour_of_day()}
    assert by_hour[10]["moderators"] == round(1.5 / 7, 2)
    assert (by_hour[8]["arrived"], by_hour[8]["arrived_uncovered"]) == (2, 1)


def test_two_weeks_average_over_both(app, week):
    with app.app_context():
        report = coverage(2, now=at(30, 12, 30))
    assert slot(report, 1, 10).moderators == 0.75 and slot(report, 1, 10).covered_percent == 50.0


@pytest.mark.parametrize("value", ["0", "13", "many", -1])
def test_a_window_outside_one_to_twelve_weeks_is_refused(value):
    with pytest.raises(InvalidInput):
        parse_weeks(value)



@pytest.fixture
def yesterday_gap(app, make_member):
    """One held post a day ago, with nobody on duty."""
    make_member("willow")
    with app.app_context():
        item("willow", utcnow() - timedelta(days=1))


def test_the_coverage_page_marks_gaps_in_words_and_charts_by_hour(admin_client, yesterday_gap):
    html = admin_client.get("/admin/coverage").get_data(as_text=True)
    assert html.count('<td class="gap">') == 1 and "1 hour(s) of the week had a gap" in html
    assert html.count('<svg class="chart" role="img"') == 2
    assert admin_client.get("/admin/coverage?weeks=40").status_code == 400


def test_admins_set_targets_on_the_coverage_page(admin_client, app):
    fields = {"crisis_minutes": 20, "held_hours": 8, "first_reply_hours": 48, "warn_percent": 50}
    assert admin_client.post("/admin/coverage/targets", data=fields).status_code == 302
    refused = admin_client.post("/admin/coverage/targets", data=fields | {"warn_percent": 99})
    assert refused.status_code == 422 and "from 10 to 95" in refused.get_data(as_text=True)
    assert admin_client.get("/api/v1/openapi.json").status_code == 200
    with app.app_context():
        assert [entry.action for entry in AdminAudit.newest_first(5)].count("targets.edit") == 1


def test_the_api_gives_coverage_and_targets_to_admins(admin_api, yesterday_gap):
    body = admin_api("GET", "/admin/coverage?weeks=2").get_json()
    assert body["weeks"] == 2 and body["gaps"] == 1 and len(body["slots"]) == 168 and len(body["by_hour"]) == 24
    assert admin_api("GET", "/admin/coverage?weeks=13").status_code == 422
    assert admin_api("PUT", "/admin/response-targets", {"crisis_minutes": 10}).get_json()["crisis_minutes"] == 10
    assert admin_api("PUT", "/admin/response-targets", {"crisis_minutes": -1}).status_code == 422
    times = admin_api("GET", "/admin/response-times?days=7").get_json()
    assert times["targets"]["crisis_minutes"] == 10 and times["results"]["held"]["total"] == 1
    assert admin_api("GET", "/admin/response-times?days=0").status_code == 422
    assert admin_api("GET", "/admin/target-alerts").get_json() == {"alerts": []}


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_members_and_moderators_see_no_coverage(client, api, make_member, log_in, role):
    handle = make_member("sky", role)
    log_in(client, handle)
    assert client.get("/admin/coverage").status_code == 403
    caller = api.as_member(handle)
    for path in ("/admin/coverage", "/admin/response-targets", "/admin/response-times", "/admin/target-alerts"):
        assert caller("GET", path).status_code == 403
    assert caller("PUT", "/admin/response-targets", {"crisis_minutes": 10}).status_code == 403
