"""The weekly wellbeing check-in: three optional questions for each moderator, and the trend over recent weeks.

Answers are the moderator's own: read by them and their supervisor (``supervision.supervises``),
nobody else, admins included. They are not audited either: the audit log is for
admins to read, and this is not an action on the community.
"""
from datetime import datetime, time, timedelta, timezone

from forum import messages
from forum.services import InvalidInput, NotAllowed, supervision
from models import Notification, Role, User, WellbeingCheckIn, db
from models.base import utcnow
from models.wellbeing import NOTE_MAX_LENGTH, SCALE, week_of

TREND_WEEKS = 8
PROMPT_KIND = "weekly_check_in"
QUESTIONS = ("heaviness", "energy", "note")


def check_in(moderator: User, answers: dict, now: datetime | None = None) -> WellbeingCheckIn:
    """Store this week's answers (any may be left out), replacing what the moderator gave earlier this week."""
    if not moderator.is_moderator:
        raise NotAllowed("only moderators check in")
    errors = {name: messages.WEEKLY_CHECK_IN_UNKNOWN_QUESTION for name in answers if name not in QUESTIONS}
    for name in ("heaviness", "energy"):
        value = answers.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or not SCALE[0] <= value <= SCALE[1]):
            errors[name] = messages.WEEKLY_CHECK_IN_SCALE
    note = answers.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX_LENGTH):
        errors["note"] = messages.WEEKLY_CHECK_IN_NOTE
    if errors:
        raise InvalidInput(errors)
    week = week_of(now or utcnow())
    row = WellbeingCheckIn.for_week(moderator.id, week)
    if row is None:
        row = WellbeingCheckIn(moderator_id=moderator.id, week_start=week)
        db.session.add(row)
    row.heaviness, row.energy = answers.get("heaviness"), answers.get("energy")
    row.note = (note.strip() or None) if note else None
    db.session.commit()
    return row


def is_due(moderator: User, now: datetime | None = None) -> bool:
    """Whether this week's prompt still stands: a moderator who has not checked in this week."""
    return moderator.is_moderator and WellbeingCheckIn.for_week(moderator.id, week_of(now or utcnow())) is None


def trend(viewer: User, moderator: User, weeks: int = TREND_WEEKS, now: datetime | None = None) -> list[dict]:
    """The last ``weeks`` weeks, oldest first, each with its answers or None where the moderator skipped it."""
    if viewer.id != moderator.id and not supervision.supervises(viewer, moderator):
        raise NotAllowed("only the moderator and their supervisor read their check-ins")
    this_week = week_of(now or utcnow())
    first = this_week - timedelta(weeks=weeks - 1)
    found = {row.week_start: row for row in WellbeingCheckIn.since(moderator.id, first)}
    result = []
    for n in range(weeks):
        week = first + timedelta(weeks=n)
        row = found.get(week)
        result.append(row.to_dict() if row else {"week_start": week.isoformat(), "heaviness": None, "energy": None,
                                                 "note": None, "updated_at": None})
    return result


def send_prompts(now: datetime | None = None) -> int:
    """Once a week, a notification to each moderator who has not checked in yet this week."""
    now = now or utcnow()
    week = week_of(now)
    week_began = datetime.combine(week, time.min, tzinfo=timezone.utc)
    moderators = db.session.scalars(db.select(User).where(User.role.in_([Role.MODERATOR.value, Role.ADMIN.value]),
                                                          User.suspended_at.is_(None)))
    sent = 0
    for moderator in moderators:
        if (WellbeingCheckIn.for_week(moderator.id, week) is None
                and not Notification.sent_since(moderator.id, PROMPT_KIND, week_began)):
            db.session.add(Notification(user_id=moderator.id, kind=PROMPT_KIND, message=messages.WEEKLY_CHECK_IN_PROMPT,
                                        created_at=now))
            sent += 1
    db.session.commit()
    return sent
