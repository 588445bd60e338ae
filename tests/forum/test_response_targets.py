"""Response-time targets: hand-computed results on a seeded history, admins setting them, and the alerts
sent before one is missed (live to moderators on duty, the outbox when nobody is)."""
from datetime import timedelta

import pytest

from forum.extensions import socketio
from forum.services import InvalidInput, duty, response_targets, target_alerts
from models import AdminAudit, ItemKind, OutboxMessage, Role, User, db
from models.base import utcnow
from models.coverage import TargetAlert
from tests.forum.history import at, item, reply, thread


@pytest.fixture
def history(app, make_member):
    """A week to 30 November 12:00 with the default targets (crisis 30 minutes, held 12 hours, first reply 24 hours)."""
    make_member("ash", Role.MODERATOR)
    for handle in ("river", "maple", "fern", "moss", "oak", "willow"):
        make_member(handle)
    with app.app_context():
        item("river", at(28, 10), crisis=True, decided=at(28, 10, 20), moderator="ash")  # 20 minutes: within
        item("river", at(28, 11), crisis=True, decided=at(28, 11, 45), moderator="ash")  # 45 minutes: missed
        item("river", at(30, 11, 50), crisis=True)  # waiting 10 minutes: still within
        item("river", at(30, 11), crisis=True)  # waiting an hour: missed
        item("river", at(29, 0), decided=at(29, 6), moderator="ash")  # 6 hours: within
        item("river", at(29, 8), decided=at(30, 2), moderator="ash")  # 18 hours: missed
        item("river", at(29, 9), kind=ItemKind.REPORT)  # a report on a visible post: not a held post
        first = thread("maple", at(28, 12))
        reply(first, "river", at(28, 20))  # 8 hours: within
        reply(thread("maple", at(29, 12)), "river", at(29, 13))  # maple's second thread: not counted
        own = thread("fern", at(28, 6))
        reply(own, "fern", at(28, 7))  # the author's own follow-up is not an answer
        reply(own, "willow", at(29, 12))  # 30 hours: missed
        thread("moss", at(30, 0))  # 12 hours without a reply: still within
        thread("oak", at(21, 0))  # before the window
        yield response_targets.report(7, now=at(30, 12))["results"]


def test_crisis_decisions_against_thirty_minutes(history):
    assert history["crisis"] == {"limit_minutes": 30.0, "total": 4, "answered": 2, "within": 1, "missed": 2,
                                 "waiting": 1, "within_percent": 33.3, "median_minutes": 32.5, "p90_minutes": 45.0}


def test_held_posts_against_twelve_hours_count_crisis_holds_but_not_reports(history):
    assert history["held"] == {"limit_minutes": 720.0, "total": 6, "answered": 4, "within": 3, "missed": 1,
                               "waiting": 2, "within_percent": 75.0, "median_minutes": 202.5, "p90_minutes": 1080.0}


def test_a_new_members_first_thread_waits_for_someone_else_to_reply(history):
    assert history["first_reply"] == {"limit_minutes": 1440.0, "total": 3, "answered": 2, "within": 1, "missed": 1,
                                      "waiting": 1, "within_percent": 50.0, "median_minutes": 1140.0,
                                      "p90_minutes": 1800.0}


def test_admins_set_targets_and_the_change_is_audited(app, make_member):
    make_member("keeper", Role.ADMIN)
    with app.app_context():
        keeper = User.find_by_handle("keeper")
        response_targets.set_targets(keeper, {"crisis_minutes": 15, "held_hours": 6})
        assert response_targets.current().to_dict() == {"crisis_minutes": 15, "held_hours": 6,
                                                        "first_reply_hours": 24, "warn_percent": 75}
        entry = AdminAudit.newest_first(1)[0]
        assert entry.action == "targets.edit" and '"crisis_minutes": 15' in entry.diff


@pytest.mark.parametrize("fields", [{"crisis_minutes": 0}, {"held_hours": "6"}, {"warn_percent": 100},
                                    {"first_reply_hours": True}, {"speed": 3}])
def test_targets_outside_their_ranges_are_refused_and_nothing_changes(app, make_member, fields):
    make_member("keeper", Role.ADMIN)
    with app.app_context():
        with pytest.raises(InvalidInput):
            response_targets.set_targets(User.find_by_handle("keeper"), {"crisis_minutes": 20} | fields)
        assert response_targets.current().crisis_minutes == 30


@pytest.fixture
def waiting_crisis(app, make_member):
    """A crisis item 25 minutes old: past the warning point (75% of 30 minutes), not yet missed."""
    make_member("ash", Role.MODERATOR)
    make_member("river")
    with app.app_context():
        return item("river", utcnow() - timedelta(minutes=25), crisis=True).id


def test_with_nobody_on_duty_a_target_about_to_be_missed_goes_to_the_outbox_once(app, waiting_crisis):
    with app.app_context():
        alerts = target_alerts.check_targets()
        assert [(a.target, a.subject_id, a.channel) for a in alerts] == [("crisis", waiting_crisis, "outbox")]
        message = OutboxMessage.newest_first(1)[0]
        assert message.kind == "target_warning" and message.payload["item_id"] == waiting_crisis
        assert message.payload["overdue"] is False and message.payload["url"].endswith(f"/moderate/items/{waiting_crisis}")
        assert target_alerts.check_targets() == []  # the next sweep sends nothing more
        assert len(OutboxMessage.newest_first()) == 1


def test_with_a_moderator_on_duty_the_alert_is_a_live_event_to_them_and_not_the_outbox(app, waiting_crisis,
                                                                                      make_member, client_as):
    make_member("birch", Role.MODERATOR)  # has the queue open, but is off duty
    sockets = {handle: socketio.test_client(app, namespace="/moderate", flask_test_client=client_as(handle))
               for handle in ("ash", "birch")}
    with app.app_context():
        duty.set_on_duty(User.find_by_handle("ash"), True)
        for socket in sockets.values():
            socket.get_received("/moderate")
        alerts = target_alerts.check_targets()
        assert [a.channel for a in alerts] == ["live"]
        assert OutboxMessage.newest_first() == []
    events = [e for e in sockets["ash"].get_received("/moderate") if e["name"] == "target_warning"]
    assert len(events) == 1 and events[0]["args"][0]["item_id"] == waiting_crisis
    assert events[0]["args"][0]["target"] == "crisis" and "Seeded" not in str(events[0]["args"][0])
    assert sockets["birch"].get_received("/moderate") == []


def test_a_wait_before_its_warning_point_is_not_alerted(app, make_member):
    make_member("river")
    with app.app_context():
        item("river", utcnow() - timedelta(minutes=20), crisis=True)  # 20 of 30 minutes: under 75%
        assert target_alerts.check_targets() == []


def test_a_wait_found_past_its_target_is_alerted_as_overdue(app, make_member):
    make_member("river")
    with app.app_context():
        thread("river", utcnow() - timedelta(hours=30))
        alerts = target_alerts.check_targets()
        assert [a.target for a in alerts] == ["first_reply"]
        assert OutboxMessage.newest_first(1)[0].payload["overdue"] is True


def test_a_decided_item_is_never_alerted(app, make_member):
    make_member("ash", Role.MODERATOR)
    make_member("river")
    with app.app_context():
        item("river", utcnow() - timedelta(minutes=50), crisis=True, decided=utcnow() - timedelta(minutes=5),
             moderator="ash")
        assert target_alerts.check_targets() == [] and db.session.query(TargetAlert).count() == 0


def test_insights_chart_time_to_decision_against_the_target(app, make_member, log_in):
    make_member("ash", Role.MODERATOR)
    make_member("river")
    keeper = make_member("keeper", Role.ADMIN)
    with app.app_context():
        item("river", utcnow() - timedelta(minutes=50), crisis=True, decided=utcnow() - timedelta(minutes=10),
             moderator="ash")
    client = app.test_client()
    log_in(client, keeper)
    today = client.get("/admin/insights/crisis-times.csv").get_data(as_text=True).strip().splitlines()[-1].split(",")
    assert today[1:] == ["1", "0", "1", "40.0", "40.0", "30.0"]  # one wait of 40 minutes, missed against 30
    html = client.get("/admin/insights").get_data(as_text=True)
    assert html.count('class="reference"') == 3 and "target: 30" in html
