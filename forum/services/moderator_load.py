"""A moderator's recent load, for their supervisor: what they chose to see, their hours on duty, what they asked for.

One moderator at a time and never next to anyone else's: these figures are
for looking after someone, not for ranking or judging their work.
"""
from datetime import datetime, timedelta

from forum.services import NotAllowed, supervision
from models import DutyShift, SupervisionRequest, User
from models.base import utcnow
from models.exposure import ExposureView
from moderation.taxonomy import CATEGORIES

RECENT_DAYS = 7


def recent_load(viewer: User, moderator: User, days: int = RECENT_DAYS, now: datetime | None = None) -> dict:
    if not supervision.sees_load(viewer, moderator):
        raise NotAllowed("only the moderator's supervisor and admins see their load")
    now = now or utcnow()
    since = now - timedelta(days=days)
    views = ExposureView.since(moderator, since)
    shifts = [shift for shift in DutyShift.overlapping(since, now) if shift.moderator_id == moderator.id]
    seconds = sum((min(shift.end_as_of(now), now) - max(shift.started_at, since)).total_seconds() for shift in shifts)
    return {
        "days": days,
        "opened_unblurred": len(views),
        "crisis_opened": sum(1 for view in views if view.crisis),
        "exposure": {category: sum(1 for view in views if category in view.categories) for category in CATEGORIES},
        "shifts": len(shifts),
        "hours_on_duty": round(max(seconds, 0) / 3600, 1),
        "requests": len(SupervisionRequest.newest_first(moderator=moderator, since=since)),
    }
