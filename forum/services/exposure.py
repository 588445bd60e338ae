"""Exposure, noticed kindly: what a moderator chose to see, counted from their reveals only.

A post stays blurred until the moderator chooses to look; that choice (the item
page's "show", or ``POST /moderation/items/{id}/reveal``) is what counts, once
per item per shift, by the categories screening gave the item. Opening an item
and deciding it blurred counts nothing. The counts drive a kind break prompt
(the soft limit) and, past the hard limit, stop crisis and graphic items being
offered while someone else on duty can take them; if nobody else is on duty the
crisis stays theirs and their supervisor is asked to check in.

The figures are the moderator's own: shown to them (and their supervisor),
never ranked and never compared.
"""
from dataclasses import dataclass
from datetime import datetime, timedelta

from forum.services import NotAllowed, care_limits, duty
from forum.services.supervision_requests import request_check_in
from moderation.taxonomy import CATEGORIES, SELF_HARM_CONTENT
from models import ExposureView, ModeratorBreak, Priority, QueueItem, ReasonSource, SupervisionRequest, User, db
from models.base import isoformat, utcnow
from models.supervision import RequestKind

# Off duty, exposure is what they revealed in this long (a working day); on duty, since the shift began.
OFF_DUTY_WINDOW = timedelta(hours=12)


def item_categories(item: QueueItem) -> list[str]:
    """The item's categories, from its reasons and the screening of its post, in the taxonomy's order."""
    found = {reason.code for reason in item.reasons if reason.source == ReasonSource.CATEGORY.value}
    found |= {category for reason in item.reasons for category in (reason.categories or [])}
    screening = item.post.latest_screening
    found |= set(screening.flagged if screening else [])
    return [category for category in CATEGORIES if category in found]


def _is_heavy(categories: list[str]) -> bool:
    return bool(set(categories) & set(SELF_HARM_CONTENT))


def record_reveal(moderator: User, item: QueueItem) -> ExposureView:
    """Count that ``moderator`` chose to see ``item`` (once per item per shift); may ask their supervisor in."""
    if not moderator.is_moderator:
        raise NotAllowed("only moderators reveal queue items")
    shift = duty.current_shift(moderator)
    start = _window_start(shift)
    view = ExposureView.find(moderator, item.id, shift.id if shift else None, start)
    if view is None:
        view = ExposureView(moderator_id=moderator.id, queue_item_id=item.id, shift_id=shift.id if shift else None,
                            categories=item_categories(item), crisis=item.priority == Priority.CRISIS)
        db.session.add(view)
        db.session.commit()
        _alert_if_alone_past_hard_limit(moderator, item)
    return view


def _alert_if_alone_past_hard_limit(moderator: User, item: QueueItem) -> None:
    """Past the hard limit with nobody else on duty, the crisis is still theirs: ask their supervisor, once."""
    load = current_load(moderator)
    if not (load.on_duty and load.hard_reached) or not all(others_available(moderator).values()):
        return
    already = SupervisionRequest.newest_first(moderator=moderator, since=load.window_start,
                                              kind=RequestKind.HARD_LIMIT)
    if not already:
        request_check_in(moderator, RequestKind.HARD_LIMIT, item)


def others_available(moderator: User) -> dict[int, bool]:
    """The other moderators on duty now and not on a break, each with whether they are past their hard limit:
    who could take an item instead of ``moderator``."""
    others = {shift.moderator_id for shift in duty.on_duty_now()} - {moderator.id}
    others -= ModeratorBreak.running_among(others)
    return {other: current_load(db.session.get(User, other)).hard_reached for other in sorted(others)}


@dataclass(frozen=True)
class Load:
    """What a moderator has taken in: this shift (or, off duty, the last OFF_DUTY_WINDOW), and since a break."""

    on_duty: bool
    window_start: datetime
    views: list[ExposureView]
    heavy_since_break: int
    since_break_seconds: int | None
    on_break_until: datetime | None
    soft_limit: int
    hard_limit: int

    @property
    def heavy(self) -> int:
        return sum(1 for view in self.views if _is_heavy(view.categories))

    @property
    def soft_reached(self) -> bool:
        return self.heavy_since_break >= self.soft_limit

    @property
    def hard_reached(self) -> bool:
        return self.heavy >= self.hard_limit

    @property
    def exposure(self) -> dict[str, int]:
        return {category: sum(1 for view in self.views if category in view.categories) for category in CATEGORIES}


def current_load(moderator: User) -> Load:
    shift = duty.current_shift(moderator)
    start = _window_start(shift)
    views = ExposureView.since(moderator, start)
    last_break = ModeratorBreak.latest(moderator)
    rested_at = max(start, last_break.finished_at) if last_break and last_break.finished_at <= utcnow() else start
    limits = care_limits.current()
    return Load(
        on_duty=shift is not None,
        window_start=start,
        views=views,
        heavy_since_break=sum(1 for view in views if view.created_at >= rested_at and _is_heavy(view.categories)),
        since_break_seconds=int((utcnow() - rested_at).total_seconds()) if shift is not None else None,
        on_break_until=last_break.ends_at if last_break and last_break.is_running else None,
        soft_limit=limits.soft_limit,
        hard_limit=limits.hard_limit,
    )


def wellbeing(moderator: User) -> dict:
    """What ``GET /me/wellbeing`` answers, for the caller only."""
    if not moderator.is_moderator:
        raise NotAllowed("only moderators have a moderator's wellbeing page")
    load = current_load(moderator)
    limits = care_limits.current()
    return {
        "on_duty": load.on_duty,
        "since": isoformat(load.window_start),
        "exposure": load.exposure,
        "opened_unblurred": len(load.views),
        "heavy": load.heavy,
        "since_break_seconds": load.since_break_seconds,
        "on_break_until": isoformat(load.on_break_until),
        "limits": limits.to_dict() | {
            "heavy_since_break": load.heavy_since_break,
            "soft_reached": load.soft_reached,
            "hard_reached": load.hard_reached,
        },
    }


def _window_start(shift) -> datetime:
    return shift.started_at if shift is not None else utcnow() - OFF_DUTY_WINDOW
