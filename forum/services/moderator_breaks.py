"""A break mid-shift, when the soft limit says so or whenever a moderator wants one.

The break keeps their claims for them (each is held until the break ends plus
a claim's usual QUEUE_CLAIM_SECONDS, so coming back finds their work where they
left it) and keeps their shift open over it; only a claimed crisis item goes
back to the queue when someone else on duty can take it, because a crisis must
not wait for a break to end. Breaks are the moderator's own and not audited.
"""
from datetime import timedelta

from flask import current_app

from forum.services import NotAllowed, care_limits, duty, queue
from models import ModeratorBreak, User, db
from models.base import utcnow


def take_break(moderator: User) -> ModeratorBreak:
    """Start a break of the admin-set length (or return the one already running)."""
    if not moderator.is_moderator:
        raise NotAllowed("only moderators take a moderator's break")
    running = ModeratorBreak.latest(moderator)
    if running is not None and running.is_running:
        return running
    pause = ModeratorBreak(moderator_id=moderator.id, started_at=utcnow(),
                           ends_at=utcnow() + timedelta(minutes=care_limits.current().break_minutes))
    db.session.add(pause)
    queue.keep_claims_until(moderator, pause.ends_at)
    shift = duty.current_shift(moderator)
    if shift is not None:
        idle = timedelta(minutes=current_app.config["DUTY_IDLE_MINUTES"])
        shift.expires_at = max(shift.expires_at, pause.ends_at + idle)
    db.session.commit()
    return pause


def end_break(moderator: User) -> None:
    """Come back early; the claims stay held as the break left them."""
    running = ModeratorBreak.latest(moderator)
    if running is not None and running.is_running:
        running.ended_at = utcnow()
        db.session.commit()


def running_break(moderator: User) -> ModeratorBreak | None:
    latest = ModeratorBreak.latest(moderator)
    return latest if latest is not None and latest.is_running else None
