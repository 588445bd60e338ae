"""Supervision: assigning supervisors, who sees a moderator's weekly check-ins (every role), trends, sessions
and their reminders, and who hears a moderator's request."""
from datetime import datetime, timedelta, timezone

import pytest

from forum.services import (InvalidInput, NotAllowed, community, duty, moderator_load, supervision,
                            supervision_sessions, wellbeing_checkins)
from forum.services.erasure import delete_account
from models import AdminAudit, Notification, Role, User, WellbeingCheckIn, db
from models.base import utcnow
from models.exposure import ExposureView
from tests.forum.history import item, shift


@pytest.fixture
def team(app, care_team):
    """The care team (see conftest), inside the app's context for the services."""
    return app


def user(handle: str) -> User:
    return User.find_by_handle(handle)


def test_assigning_a_supervisor_is_audited(team):
    with team.app_context():
        entry = next(e for e in AdminAudit.newest_first(10) if e.target == "member ash")
        assert entry.action == "supervision.assign" and '"supervisor": "sage"' in entry.diff
        assert user("ash").supervisor.handle == "sage"


@pytest.mark.parametrize("moderator, chosen", [("river", "sage"), ("ash", "birch"), ("ash", "ash")])
def test_only_moderators_get_a_supervisor_and_only_supervisors_or_admins_are_one(team, moderator, chosen):
    with team.app_context():
        with pytest.raises(InvalidInput):
            supervision.assign(user("keeper"), user(moderator), user(chosen))


def test_only_admins_assign_supervisors(team):
    with team.app_context():
        with pytest.raises(NotAllowed):
            supervision.assign(user("sage"), user("birch"), user("sage"))


@pytest.mark.parametrize("viewer, sees", [("ash", True), ("sage", True), ("birch", False), ("thyme", False),
                                          ("keeper", False), ("river", False)])
def test_a_weekly_check_in_is_read_by_the_moderator_and_their_supervisor_only(team, viewer, sees):
    with team.app_context():
        wellbeing_checkins.check_in(user("ash"), {"heaviness": 4, "energy": 2, "note": "A long week."})
        if sees:
            assert wellbeing_checkins.trend(user(viewer), user("ash"))[-1]["note"] == "A long week."
        else:
            with pytest.raises(NotAllowed):
                wellbeing_checkins.trend(user(viewer), user("ash"))


def test_with_no_supervisor_assigned_the_admins_supervise(team):
    with team.app_context():
        supervision.assign(user("keeper"), user("ash"), None)
        assert supervision.supervises(user("keeper"), user("ash"))
        assert not supervision.supervises(user("sage"), user("ash"))


def test_the_trend_lists_each_week_oldest_first_with_skipped_weeks_empty(team):
    monday = datetime(2026, 11, 30, 9, tzinfo=timezone.utc)
    with team.app_context():
        ash = user("ash")
        wellbeing_checkins.check_in(ash, {"heaviness": 2, "energy": 4}, now=monday - timedelta(weeks=2))
        wellbeing_checkins.check_in(ash, {"heaviness": 5}, now=monday + timedelta(days=2))
        wellbeing_checkins.check_in(ash, {"heaviness": 4, "energy": 3}, now=monday + timedelta(days=3))  # same week
        weeks = wellbeing_checkins.trend(ash, ash, weeks=3, now=monday + timedelta(days=4))
        assert [(w["week_start"], w["heaviness"], w["energy"]) for w in weeks] == [
            ("2026-11-16", 2, 4), ("2026-11-23", None, None), ("2026-11-30", 4, 3)]
        assert db.session.query(WellbeingCheckIn).count() == 2
        assert not wellbeing_checkins.is_due(ash, now=monday + timedelta(days=6))
        assert wellbeing_checkins.is_due(ash, now=monday + timedelta(days=7))


@pytest.mark.parametrize("answers", [{"heaviness": 0}, {"energy": 6}, {"energy": "3"}, {"heaviness": True},
                                     {"note": "x" * 1001}, {"mood": 3}])
def test_a_check_in_outside_its_questions_is_refused(team, answers):
    with team.app_context():
        with pytest.raises(InvalidInput):
            wellbeing_checkins.check_in(user("ash"), answers)
        assert db.session.query(WellbeingCheckIn).count() == 0


def test_a_supervisor_books_sessions_only_with_their_own_moderators(team):
    with team.app_context():
        soon = utcnow() + timedelta(days=3)
        session = supervision_sessions.schedule(user("sage"), user("ash"), soon, 45, "How the week went")
        assert AdminAudit.newest_first(1)[0].action == "supervision.session"
        with pytest.raises(NotAllowed):
            supervision_sessions.schedule(user("thyme"), user("ash"), soon)
        with pytest.raises(InvalidInput):
            supervision_sessions.schedule(user("sage"), user("ash"), utcnow() - timedelta(hours=1))
        assert [s.id for s in supervision_sessions.upcoming_for(user("ash"))] == [session.id]
        assert supervision_sessions.upcoming_for(user("birch")) == []


def test_a_reminder_reaches_the_moderator_once_a_day_before_and_not_for_cancelled_sessions(team):
    with team.app_context():
        start = utcnow() + timedelta(days=2)
        kept = supervision_sessions.schedule(user("sage"), user("ash"), start)
        called_off = supervision_sessions.schedule(user("sage"), user("ash"), start + timedelta(hours=1))
        supervision_sessions.cancel(user("ash"), called_off)
        assert supervision_sessions.send_reminders(now=start - timedelta(hours=25)) == 0  # too early
        assert supervision_sessions.send_reminders(now=start - timedelta(hours=23)) == 1
        assert supervision_sessions.send_reminders(now=start - timedelta(hours=22)) == 0  # only once
        notes = Notification.for_user(user("ash").id)
        assert len(notes) == 1 and notes[0].kind == "supervision_session" and "sage" in notes[0].message
        assert kept.reminded_at is not None and called_off.reminded_at is None


def test_the_supervisor_on_call_is_the_assigned_one_else_whoever_is_on_duty_else_the_admins(team, make_member):
    make_member("oak", Role.ADMIN)
    with team.app_context():
        assert [u.handle for u in supervision.on_call_for(user("ash"))] == ["sage"]
        supervision.assign(user("keeper"), user("ash"), None)
        assert [u.handle for u in supervision.on_call_for(user("ash"))] == ["keeper", "oak"]
        duty.set_on_duty(user("oak"), True)
        assert [u.handle for u in supervision.on_call_for(user("ash"))] == ["oak"]


def test_a_supervisor_deleting_their_account_leaves_their_moderators_with_the_admins(team, password):
    with team.app_context():
        delete_account(user("sage"), password, "remove")
        assert user("sage") is None and user("ash").supervisor_id is None
        assert supervision.supervises(user("keeper"), user("ash"))


def test_a_supervisor_who_is_no_longer_one_hands_their_moderators_back_to_the_admins(team):
    with team.app_context():
        community.set_member_role(user("keeper"), user("sage"), Role.MEMBER)
        assert not supervision.supervises(user("sage"), user("ash"))
        assert supervision.supervises(user("keeper"), user("ash"))
        assert [u.handle for u in supervision.on_call_for(user("ash"))] == ["keeper"]


def test_recent_load_counts_a_week_of_shifts_and_what_they_chose_to_see(team, make_member):
    make_member("river2")
    now = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)
    with team.app_context():
        ash = user("ash")
        shift("ash", now - timedelta(days=8), now - timedelta(days=8) + timedelta(hours=3))  # before the week
        shift("ash", now - timedelta(days=7, hours=1), now - timedelta(days=6, hours=22))  # two of its hours count
        shift("ash", now - timedelta(days=2), now - timedelta(days=2) + timedelta(minutes=90))
        crisis = item("river2", now - timedelta(days=2), crisis=True)
        routine = item("river2", now - timedelta(days=2))
        db.session.add_all([
            ExposureView(moderator_id=ash.id, queue_item_id=crisis.id, categories=["imminent_risk"], crisis=True,
                         created_at=now - timedelta(days=2)),
            ExposureView(moderator_id=ash.id, queue_item_id=routine.id, categories=["numbers", "self_harm_mention"],
                         created_at=now - timedelta(days=1)),
            ExposureView(moderator_id=ash.id, queue_item_id=routine.id, categories=["numbers"],
                         created_at=now - timedelta(days=9)),
        ])
        db.session.commit()
        load = moderator_load.recent_load(user("sage"), ash, now=now)
        assert (load["shifts"], load["hours_on_duty"], load["opened_unblurred"], load["crisis_opened"]) == (2, 3.5, 2, 1)
        assert {k: v for k, v in load["exposure"].items() if v} == {"imminent_risk": 1, "numbers": 1,
                                                                    "self_harm_mention": 1}
        assert moderator_load.recent_load(user("keeper"), ash, now=now)["shifts"] == 2  # admins see load too
        for viewer in ("thyme", "birch", "river"):
            with pytest.raises(NotAllowed):
                moderator_load.recent_load(user(viewer), ash, now=now)


def test_the_weekly_prompt_reaches_each_moderator_once_a_week_until_they_check_in(team):
    monday = datetime(2026, 11, 30, 8, tzinfo=timezone.utc)
    with team.app_context():
        wellbeing_checkins.check_in(user("birch"), {"energy": 4}, now=monday)
        assert wellbeing_checkins.send_prompts(now=monday + timedelta(hours=1)) == 2  # ash and keeper
        assert wellbeing_checkins.send_prompts(now=monday + timedelta(days=3)) == 0
        assert wellbeing_checkins.send_prompts(now=monday + timedelta(days=7)) == 3
        prompted = {handle: [n.kind for n in Notification.for_user(user(handle).id)] for handle in
                    ("ash", "birch", "keeper", "sage", "river")}
        assert prompted == {"ash": ["weekly_check_in"] * 2, "birch": ["weekly_check_in"],
                            "keeper": ["weekly_check_in"] * 2, "sage": [], "river": []}
