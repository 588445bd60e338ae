"""On duty and off duty: explicit, stored in the database, lapsing when quiet, and deciding crisis escalation."""
from datetime import timedelta

import pytest

from forum import create_app
from models import AdminAudit, DutyShift, OutboxMessage, Role, User, db
from models.base import utcnow
from tests.conftest import TEST_SETTINGS


def _outbox(app):
    with app.app_context():
        return list(db.session.scalars(db.select(OutboxMessage)))


def _shift(app, handle="harbourmaster") -> DutyShift:
    with app.app_context():
        return db.session.scalar(db.select(DutyShift).join(User).where(User.handle == handle).order_by(DutyShift.id.desc()))


def _age_shift(app, handle="harbourmaster", *, quiet_for=timedelta(minutes=5), expired=False):
    """Pretend the moderator has been quiet for a while (and, if asked, long enough to drop off duty)."""
    with app.app_context():
        shift = db.session.get(DutyShift, _shift(app, handle).id)
        shift.last_seen_at = utcnow() - quiet_for
        shift.expires_at = utcnow() - timedelta(seconds=1) if expired else utcnow() + timedelta(minutes=1)
        db.session.commit()


def _crisis(member_api, texts):
    return member_api("POST", "/boards/hard-time/threads", {"title": "Tonight", "body": texts.CRISIS}).get_json()


def test_a_moderator_goes_on_and_off_duty_through_the_api(app, moderator_api):
    assert moderator_api("GET", "/me/duty").get_json() == {"on_duty": False, "since": None}
    on = moderator_api("PUT", "/me/duty", {"on_duty": True})
    assert on.status_code == 200 and on.get_json()["on_duty"] is True and on.get_json()["since"].endswith("Z")
    again = moderator_api("PUT", "/me/duty", {"on_duty": True}).get_json()
    assert again["since"] == on.get_json()["since"]  # still the same shift
    assert moderator_api("PUT", "/me/duty", {"on_duty": False}).get_json() == {"on_duty": False, "since": None}
    with app.app_context():
        assert [e.action for e in AdminAudit.newest_first()][:2] == ["duty.off", "duty.on"]
        assert _shift(app).end_reason == "off_duty"


def test_members_cannot_go_on_duty_and_bad_bodies_are_422(api, member_api, moderator_api):
    assert member_api("PUT", "/me/duty", {"on_duty": True}).status_code == 403
    assert member_api("GET", "/me/duty").status_code == 403
    assert api("PUT", "/me/duty", {"on_duty": True}).status_code == 401
    bad = moderator_api("PUT", "/me/duty", {"on_duty": "yes"})
    assert bad.status_code == 422 and "on_duty" in bad.get_json()["error"]["fields"]
    assert moderator_api("PUT", "/me/duty", ["on_duty"]).status_code == 400


def test_an_untrained_moderator_cannot_go_on_duty(api, make_member):
    trainee = api.as_member(make_member("newbie", Role.MODERATOR, trained=False))
    refused = trainee("PUT", "/me/duty", {"on_duty": True})
    assert refused.status_code == 403 and refused.get_json()["error"]["code"] == "training_required"


def test_with_a_moderator_on_duty_a_crisis_is_not_escalated(app, member_api, moderator_api, texts):
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    _crisis(member_api, texts)
    assert _outbox(app) == []


def test_a_quiet_moderator_drops_off_duty_and_the_crisis_escalates(app, member_api, moderator_api, texts):
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    _age_shift(app, quiet_for=timedelta(minutes=30), expired=True)
    assert moderator_api("GET", "/me/duty").get_json() == {"on_duty": False, "since": None}
    _crisis(member_api, texts)
    [message] = _outbox(app)
    assert "no moderator is on duty" in message.payload["text"]


def test_activity_keeps_a_shift_alive_and_never_puts_anyone_on_duty(app, moderator_api):
    assert moderator_api("GET", "/moderation/queue").status_code == 200
    assert moderator_api("GET", "/me/duty").get_json()["on_duty"] is False  # working is not going on duty
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    _age_shift(app)  # quiet for five minutes, a minute left
    moderator_api("GET", "/moderation/queue")
    shift = _shift(app)
    assert shift.expires_at - utcnow() > timedelta(minutes=app.config["DUTY_IDLE_MINUTES"] - 1)


def test_going_on_duty_after_lapsing_starts_a_new_shift_and_closes_the_old(app, moderator_api):
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    first = _shift(app).id
    _age_shift(app, expired=True)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    with app.app_context():
        assert db.session.get(DutyShift, first).end_reason == "expired"
        assert _shift(app).id != first and _shift(app).ended_at is None


@pytest.fixture
def other_process(app):
    """A second app on the same database, as a second web worker would be."""
    settings = {name: app.config[name] for name in ("SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS")
                if name in app.config}
    other = create_app(TEST_SETTINGS | settings)
    yield other
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_duty_is_the_same_in_every_process(app, other_process, moderator_api, api_on, texts):
    """Two web processes on one database: duty set through one decides escalation in the other."""
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    author = api_on(other_process, "fern")
    author("POST", "/boards/hard-time/threads", {"title": "Tonight", "body": texts.CRISIS})
    assert _outbox(other_process) == []
    moderator_api("PUT", "/me/duty", {"on_duty": False})
    author("POST", "/boards/hard-time/threads", {"title": "Again", "body": texts.CRISIS})
    assert len(_outbox(other_process)) == 1


def test_admins_see_who_is_on_duty(app, api, moderator_api, admin_client):
    admin_api = api.as_member("keeper")
    assert admin_api("GET", "/admin/duty").get_json() == {"on_duty": []}
    assert "Nobody is on duty" in admin_client.get("/admin/").get_data(as_text=True)
    moderator_api("PUT", "/me/duty", {"on_duty": True})
    [shift] = admin_api("GET", "/admin/duty").get_json()["on_duty"]
    assert shift["moderator"] == "harbourmaster" and shift["since"] and shift["expires_at"]
    assert "<strong>harbourmaster</strong>, since" in admin_client.get("/admin/").get_data(as_text=True)
    assert moderator_api("GET", "/admin/duty").status_code == 403


def test_the_queue_page_has_the_duty_switch_and_its_heartbeat(app, moderator_client):
    page = moderator_client.get("/moderate/").get_data(as_text=True)
    assert "You're off duty" in page and 'value="1"' in page and "Go on duty" in page
    on = moderator_client.post("/moderate/duty", data={"on_duty": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "You're on duty since" in on and "Go off duty" in on and 'src="/static/js/duty.js"' in on
    _age_shift(app)
    assert moderator_client.post("/moderate/duty/heartbeat").get_json()["on_duty"] is True
    assert _shift(app).last_seen_at > utcnow() - timedelta(seconds=5)
    off = moderator_client.post("/moderate/duty", data={"on_duty": "0"}, follow_redirects=True).get_data(as_text=True)
    assert "off duty. Rest well." in off


def test_members_cannot_use_the_duty_pages(member_client):
    assert member_client.post("/moderate/duty", data={"on_duty": "1"}).status_code == 403
    assert member_client.post("/moderate/duty/heartbeat").status_code == 403
