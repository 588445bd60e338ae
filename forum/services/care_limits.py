"""The soft and hard exposure limits, and the length of a suggested break: set by admins, audited.

The soft limit counts heavy items revealed since the moderator's last break (a
break starts it again); the hard limit counts them over the whole shift.
"""
from forum import messages
from forum.services import InvalidInput, NotAllowed
from models import AdminAudit, CareLimits, User, db
from models.audit import AuditAction

LIMIT_RANGE = (1, 500)
BREAK_RANGE = (1, 120)


def current() -> CareLimits:
    return CareLimits.current()


def set_limits(admin: User, values: dict) -> CareLimits:
    """Change any of ``soft``, ``hard`` and ``break_minutes``; the soft limit must stay below the hard one."""
    if not admin.is_admin:
        raise NotAllowed("only admins set care limits")
    limits = CareLimits.current()
    before = limits.to_dict()
    fields = {name: messages.CARE_LIMIT_UNKNOWN for name in values if name not in before}
    for name, (low, high) in (("soft", LIMIT_RANGE), ("hard", LIMIT_RANGE), ("break_minutes", BREAK_RANGE)):
        value = values.get(name, before[name])
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            fields[name] = messages.care_limit_range(low, high)
    if not fields and values.get("soft", before["soft"]) >= values.get("hard", before["hard"]):
        fields["soft"] = messages.CARE_SOFT_ABOVE_HARD
    if fields:
        raise InvalidInput(fields)
    limits.soft_limit = values.get("soft", before["soft"])
    limits.hard_limit = values.get("hard", before["hard"])
    limits.break_minutes = values.get("break_minutes", before["break_minutes"])
    db.session.add(limits)
    AdminAudit.record(admin, AuditAction.CARE_LIMITS, "care limits", before=before, after=limits.to_dict())
    db.session.commit()
    return limits
