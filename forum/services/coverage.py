"""Coverage: who was on duty, hour by hour, against what arrived in the queue, so admins see the gaps.

Over the past N whole weeks (UTC hours), each hour of the week (Monday 00:00 to
Sunday 23:00) gets: the share of its minutes when at least one moderator was on
duty, the average number of moderators on duty, the queue items that arrived,
and how many of those arrived while nobody was on duty. An hour of the week
where anything arrived with nobody on duty is a gap.
"""
import bisect
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from forum.services import window_length
from models import DutyShift, QueueItem, db
from models.base import utcnow

MAX_WEEKS = 12
DEFAULT_WEEKS = 4
HOUR = timedelta(hours=1)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Slot:
    """One hour of the week, summed over the window's weeks."""

    weekday: int  # 0 is Monday
    hour: int
    covered_percent: float  # of the slot's minutes with at least one moderator on duty
    moderators: float  # moderators on duty on average
    arrived: int  # queue items that arrived
    arrived_uncovered: int  # of those, arrived while nobody was on duty

    @property
    def is_gap(self) -> bool:
        return self.arrived_uncovered > 0

    def to_dict(self) -> dict:
        return {"weekday": WEEKDAYS[self.weekday], "hour": self.hour, "covered_percent": self.covered_percent,
                "moderators": self.moderators, "arrived": self.arrived, "arrived_uncovered": self.arrived_uncovered,
                "gap": self.is_gap}


@dataclass(frozen=True)
class Coverage:
    weeks: int
    start: datetime
    end: datetime
    slots: list[Slot]  # 168, Monday 00:00 first

    def by_hour_of_day(self) -> list[dict]:
        """The week folded onto one day, for the chart: per hour, moderators on duty and arrivals."""
        rows = []
        for hour in range(24):
            slots = [slot for slot in self.slots if slot.hour == hour]
            rows.append({"hour": hour, "moderators": round(sum(s.moderators for s in slots) / 7, 2),
                         "arrived": sum(s.arrived for s in slots),
                         "arrived_uncovered": sum(s.arrived_uncovered for s in slots)})
        return rows

    def to_dict(self) -> dict:
        return {"weeks": self.weeks, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "gaps": sum(slot.is_gap for slot in self.slots), "slots": [slot.to_dict() for slot in self.slots]}


def parse_weeks(value) -> int:
    return window_length(value, field="weeks", default=DEFAULT_WEEKS, maximum=MAX_WEEKS, unit="weeks")


def coverage(weeks: int = DEFAULT_WEEKS, now: datetime | None = None) -> Coverage:
    """The past ``weeks`` whole weeks, ending at the start of the current hour."""
    now = now or utcnow()
    end = now.replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(weeks=weeks)
    shifts = [(s.moderator_id, max(s.started_at, start), min(s.end_as_of(now), end))
              for s in DutyShift.overlapping(start, end)]
    shifts = [(who, begin, finish) for who, begin, finish in shifts if begin < finish]
    merged = _union([(begin, finish) for _, begin, finish in shifts])
    covered, moderator_minutes = [0.0] * 168, [0.0] * 168
    for begin, finish in merged:
        for slot, minutes in _split_by_hour(begin, finish):
            covered[slot] += minutes
    for _, begin, finish in shifts:
        for slot, minutes in _split_by_hour(begin, finish):
            moderator_minutes[slot] += minutes
    arrived, uncovered = [0] * 168, [0] * 168
    starts = [begin for begin, _ in merged]
    for created in db.session.scalars(select(QueueItem.created_at).where(QueueItem.created_at >= start,
                                                                          QueueItem.created_at < end)):
        slot = _slot_of(created)
        arrived[slot] += 1
        index = bisect.bisect_right(starts, created) - 1
        if index < 0 or merged[index][1] <= created:
            uncovered[slot] += 1
    minutes_in_slot = 60 * weeks
    slots = [Slot(n // 24, n % 24, round(100 * covered[n] / minutes_in_slot, 1),
                  round(moderator_minutes[n] / minutes_in_slot, 2), arrived[n], uncovered[n]) for n in range(168)]
    return Coverage(weeks, start, end, slots)


def _slot_of(moment: datetime) -> int:
    return moment.weekday() * 24 + moment.hour


def _union(intervals: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Overlapping intervals joined, in order: the times at least one moderator was on duty."""
    merged = []
    for begin, finish in sorted(intervals):
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], finish))
        else:
            merged.append((begin, finish))
    return merged


def _split_by_hour(begin: datetime, finish: datetime):
    """(hour-of-week slot, minutes) for each clock hour the interval touches."""
    cursor = begin
    while cursor < finish:
        next_hour = cursor.replace(minute=0, second=0, microsecond=0) + HOUR
        stop = min(next_hour, finish)
        yield _slot_of(cursor), (stop - cursor).total_seconds() / 60
        cursor = stop
