"""Response-time targets: admins set them (audited), and this says how each is being met
(``models.response_times.summarise`` says what within, missed and waiting mean)."""
from datetime import datetime, timedelta

from forum.services import InvalidInput, window_length
from models import AdminAudit, User, db
from models.audit import AuditAction
from models.base import utcnow
from models.coverage import ResponseTargets, Target
from models.response_times import summarise, waits

# Each field: the range an admin may choose, and the words for an answer outside it.
LIMITS = {
    "crisis_minutes": (1, 24 * 60, "minutes"),
    "held_hours": (1, 7 * 24, "hours"),
    "first_reply_hours": (1, 7 * 24, "hours"),
    "warn_percent": (10, 95, "percent"),
}
MAX_DAYS = 90
DEFAULT_DAYS = 30


def current() -> ResponseTargets:
    return ResponseTargets.current()


def set_targets(actor: User, fields: dict) -> ResponseTargets:
    """Change some or all targets; every field is checked before anything changes."""
    errors = {name: "This is not one of the targets." for name in fields if name not in LIMITS}
    for name, value in fields.items():
        if name in LIMITS:
            low, high, unit = LIMITS[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                errors[name] = f"Give a whole number of {unit} from {low} to {high}."
    if errors:
        raise InvalidInput(errors)
    targets = ResponseTargets.for_update()
    before = targets.to_dict()
    for name, value in fields.items():
        setattr(targets, name, value)
    AdminAudit.record(actor, AuditAction.TARGETS_EDIT, "response targets", before=before, after=targets.to_dict())
    db.session.commit()
    return targets


def parse_days(value) -> int:
    return window_length(value, field="days", default=DEFAULT_DAYS, maximum=MAX_DAYS, unit="days")


def report(days: int = DEFAULT_DAYS, now: datetime | None = None) -> dict:
    """Each target over the last ``days`` days: its limit and how it was met."""
    now = now or utcnow()
    targets = current()
    since = now - timedelta(days=days)
    return {
        "days": days,
        "targets": targets.to_dict(),
        "results": {target.value: {"limit_minutes": targets.limit(target).total_seconds() / 60,
                                   **summarise(waits(target, since, now), targets.limit(target), now)}
                    for target in Target},
    }
