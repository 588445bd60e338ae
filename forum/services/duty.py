"""Going on and off duty, kept in the database so every process agrees who is on duty now.

Who is on duty decides whether a crisis post escalates to the outbox: a tab
left open does not count, an explicit choice does, and it lapses after
DUTY_IDLE_MINUTES without activity (queue pages, API calls, the page's heartbeat).
"""
from datetime import timedelta

from flask import current_app

from forum.services import NotAllowed, training
from models import AdminAudit, User, db
from models.audit import AuditAction
from models.base import isoformat, utcnow
from models.duty import DutyShift, ShiftEnd


def _idle() -> timedelta:
    return timedelta(minutes=current_app.config["DUTY_IDLE_MINUTES"])


def current_shift(moderator: User) -> DutyShift | None:
    return DutyShift.current(moderator)


def set_on_duty(moderator: User, on_duty: bool) -> DutyShift | None:
    """Go on duty (keeping a shift already open) or off; returns the open shift, if any. Audited when it changes.

    Going on duty needs training: a moderator who cannot claim a crisis must not stop it escalating.
    """
    if not moderator.is_moderator:
        raise NotAllowed("only moderators go on duty")
    if on_duty:
        # Someone on duty stops crisis posts escalating, so they must be able to claim them.
        training.require_training(moderator)
    shift = DutyShift.current(moderator)
    if on_duty and shift is None:
        DutyShift.close_lapsed(moderator)
        shift = DutyShift(moderator_id=moderator.id, expires_at=utcnow() + _idle())
        db.session.add(shift)
        AdminAudit.record(moderator, AuditAction.DUTY_ON, f"member {moderator.handle}")
    elif on_duty:
        DutyShift.touch(moderator, _idle())
    elif shift is not None:
        end_shift(moderator, ShiftEnd.OFF_DUTY)
        shift = None
    db.session.commit()
    return shift


def end_shift(moderator: User, reason: ShiftEnd) -> None:
    """End the open shift with its audit row (the caller commits)."""
    shift = DutyShift.current(moderator)
    if shift is not None:
        shift.end(reason)
        AdminAudit.record(moderator, AuditAction.DUTY_OFF, f"member {moderator.handle}", note=reason.value)


def heartbeat(moderator: User) -> None:
    """Activity keeps an open shift alive; it never puts anyone on duty."""
    if moderator.is_moderator:
        DutyShift.touch(moderator, _idle())
        db.session.commit()


def anyone_on_duty() -> bool:
    """Whether a person is there to hear a crisis alert now, in any process."""
    return DutyShift.on_duty_count() > 0


def others_on_duty(moderator: User) -> bool:
    """Whether someone besides ``moderator`` is on duty now, so another person could take an item."""
    return DutyShift.on_duty_count(besides=moderator) > 0


def on_duty_now() -> list[DutyShift]:
    return DutyShift.on_duty_now()


def duty_state(moderator: User) -> dict:
    """What the API answers about the caller's duty: ``{"on_duty", "since"}``."""
    shift = DutyShift.current(moderator)
    return {"on_duty": shift is not None, "since": isoformat(shift.started_at) if shift else None}

