"""Scheduling supervision sessions (audited) and reminding the moderator before each one.

A supervisor schedules sessions with the moderators they supervise; the
moderator is reminded in their notifications REMIND_BEFORE the start (by the
periodic sweep, or ``flask --app wsgi supervision remind``).
"""
from datetime import datetime, timedelta

from forum import messages
from forum.services import InvalidInput, NotAllowed, supervision
from models import AdminAudit, Notification, SupervisionSession, User, db
from models.audit import AuditAction
from models.base import utcnow
from models.supervision_sessions import AGENDA_MAX_LENGTH

REMIND_BEFORE = timedelta(hours=24)
NOTIFICATION_KIND = "supervision_session"
LENGTHS = (15, 180)


def schedule(supervisor: User, moderator: User, starts_at, minutes=45, agenda="") -> SupervisionSession:
    supervision.require_supervisor_of(supervisor, moderator)
    errors = {}
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None or starts_at <= utcnow():
        errors["starts_at"] = "Choose a time in the future (with its time zone)."
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not LENGTHS[0] <= minutes <= LENGTHS[1]:
        errors["minutes"] = f"Give a length from {LENGTHS[0]} to {LENGTHS[1]} minutes."
    if not isinstance(agenda, str) or len(agenda) > AGENDA_MAX_LENGTH:
        errors["agenda"] = f"Keep the agenda to {AGENDA_MAX_LENGTH} characters."
    if errors:
        raise InvalidInput(errors)
    session = SupervisionSession(moderator_id=moderator.id, supervisor_id=supervisor.id, starts_at=starts_at,
                                 minutes=minutes, agenda=agenda.strip())
    db.session.add(session)
    db.session.flush()
    AdminAudit.record(supervisor, AuditAction.SUPERVISION_SESSION, f"member {moderator.handle}",
                      note=f"session {session.id} at {starts_at.isoformat()}")
    db.session.commit()
    return session


def cancel(actor: User, session: SupervisionSession) -> None:
    """The session's supervisor or its moderator calls it off; audited."""
    if actor.id != session.moderator_id and not supervision.supervises(actor, session.moderator):
        raise NotAllowed("only the moderator and their supervisor change a session")
    if session.cancelled_at is None:
        session.cancelled_at = utcnow()
        AdminAudit.record(actor, AuditAction.SUPERVISION_SESSION_CANCEL, f"member {session.moderator.handle}",
                          note=f"session {session.id}")
    db.session.commit()


def visible_session(viewer: User, session_id: int) -> SupervisionSession | None:
    session = db.session.get(SupervisionSession, session_id)
    if session is None or (viewer.id != session.moderator_id and not supervision.supervises(viewer, session.moderator)):
        return None
    return session


def upcoming_for(viewer: User) -> list[SupervisionSession]:
    """The viewer's own sessions, and those of the moderators they supervise."""
    ids = [viewer.id]
    if viewer.is_supervisor:
        ids += [m.id for m in supervision.moderators_for(viewer) if supervision.supervises(viewer, m)]
    return SupervisionSession.upcoming(ids)


def upcoming_of(viewer: User, moderator: User) -> list[SupervisionSession]:
    """One moderator's coming sessions, shown only to their own supervisor (who else sees them is decided here)."""
    return SupervisionSession.upcoming([moderator.id]) if supervision.supervises(viewer, moderator) else []


def send_reminders(now: datetime | None = None) -> int:
    """A notification to each moderator whose session starts within REMIND_BEFORE; once per session."""
    now = now or utcnow()
    sent = 0
    for session in SupervisionSession.needing_reminder(now, REMIND_BEFORE):
        who = session.supervisor.handle if session.supervisor else "your supervisor"
        db.session.add(Notification(user_id=session.moderator_id, kind=NOTIFICATION_KIND,
                                    message=messages.SESSION_REMINDER.format(
                                        supervisor=who, when=session.starts_at.strftime("%-d %b, %H:%M"))))
        session.reminded_at = now
        sent += 1
    db.session.commit()
    return sent

