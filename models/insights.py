"""The numbers behind /admin/insights, each as a table (columns and rows) that pages chart and export.

Grouping by day happens in Python so the same queries run on SQLite and PostgreSQL;
an admin's window (30 days) is small enough for that.
"""
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select

from models.base import db, utcnow
from models.coverage import ResponseTargets, Target
from models.queue import ModerationDecision, QueueItem, Report
from models.response_times import summarise, waits
from models.screening import ScreeningRecord
from moderation.labels import implied_categories
from moderation.taxonomy import ACTIONS, CATEGORIES, REPORT_REASONS, Decision

WINDOW_DAYS = 30
APPROVALS = (Decision.APPROVE.value, Decision.APPROVE_WITH_WARNING.value)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    columns: list[str]
    rows: list[list]


def _days(since: datetime) -> list[date]:
    today = utcnow().date()
    return [since.date() + timedelta(days=n) for n in range((today - since.date()).days + 1)]


def posts_per_day(since: datetime) -> Table:
    """Screenings per day by the action they got (an edit is screened again, so counts it again)."""
    counts = Counter(
        (created.date(), action)
        for created, action in db.session.execute(
            select(ScreeningRecord.created_at, ScreeningRecord.action).where(ScreeningRecord.created_at >= since)
        )
    )
    rows = [[day.isoformat(), *(counts[(day, action)] for action in ACTIONS)] for day in _days(since)]
    return Table("posts-per-day", "Posts screened per day, by action", ["day", *ACTIONS], rows)


def queue_per_day(since: datetime) -> Table:
    """Items waiting at the end of each day, and hours from arrival to decision for items decided that day."""
    items = db.session.execute(
        select(QueueItem.created_at, QueueItem.resolved_at).where(
            (QueueItem.resolved_at.is_(None)) | (QueueItem.resolved_at >= since)
        )
    ).all()
    rows = []
    for day in _days(since):
        end = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=since.tzinfo)
        waiting = sum(1 for created, resolved in items if created < end and (resolved is None or resolved >= end))
        waits = sorted((resolved - created).total_seconds() / 3600 for created, resolved in items
                       if resolved is not None and resolved.date() == day)
        median = round(statistics.median(waits), 2) if waits else None
        p90 = round(waits[min(len(waits) - 1, int(0.9 * len(waits)))], 2) if waits else None
        rows.append([day.isoformat(), waiting, len(waits), median, p90])
    return Table("queue", "Queue size and time to decision (hours) per day",
                 ["day", "waiting", "decided", "median_hours", "p90_hours"], rows)


def classifier_agreement(since: datetime) -> Table:
    """Per category, over decided posts: precision (flags moderators upheld) and recall (upheld ones flagged).

    Only posts that reached the queue have a decision, so recall here is among those posts.
    """
    flagged_total, upheld_total, both = Counter(), Counter(), Counter()
    for decision, flagged, warnings_after in db.session.execute(
        select(ModerationDecision.decision, ScreeningRecord.flagged, ModerationDecision.warnings_after)
        .join(ScreeningRecord, ScreeningRecord.id == ModerationDecision.screening_record_id)
        .where(ModerationDecision.created_at >= since)
    ):
        upheld = set(implied_categories(decision, flagged, warnings_after))
        flagged_total.update(flagged)
        upheld_total.update(upheld)
        both.update(upheld & set(flagged))
    rows = [[category, flagged_total[category], upheld_total[category],
             _ratio(both[category], flagged_total[category]), _ratio(both[category], upheld_total[category])]
            for category in CATEGORIES]
    return Table("agreement", "Classifier agreement with moderators per category",
                 ["category", "flagged", "upheld", "precision", "recall"], rows)


def rules_that_fire(since: datetime) -> Table:
    """Rules by how often they fired, and how often moderators approved a post the rule was on."""
    fired, decided, approved = Counter(), Counter(), Counter()
    decisions = (
        select(ModerationDecision.decision)
        .where(ModerationDecision.screening_record_id == ScreeningRecord.id)
        .order_by(ModerationDecision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    for findings, decision in db.session.execute(
        select(ScreeningRecord.findings, decisions).where(ScreeningRecord.created_at >= since)
    ):
        for rule_id in {finding["rule_id"] for finding in findings}:
            fired[rule_id] += 1
            if decision is not None:
                decided[rule_id] += 1
                approved[rule_id] += decision in APPROVALS
    rows = [[rule_id, count, decided[rule_id], approved[rule_id], _ratio(approved[rule_id], decided[rule_id])]
            for rule_id, count in fired.most_common()]
    return Table("rules", "Rules that fire most, and how often moderators override them",
                 ["rule", "fired", "decided", "approved", "override_rate"], rows)


def reports_per_reason(since: datetime) -> Table:
    counts = dict(db.session.execute(
        select(Report.reason, func.count()).where(Report.created_at >= since).group_by(Report.reason)
    ).all())
    return Table("reports", "Reports per reason", ["reason", "reports"],
                 [[reason, counts.get(reason, 0)] for reason in REPORT_REASONS])


RESPONSE_TITLES = {
    Target.CRISIS: ("crisis-times", "Crisis items: minutes to a decision, against the target", 1),
    Target.HELD: ("held-times", "Held posts: hours to a decision, against the target", 60),
    Target.FIRST_REPLY: ("first-reply-times", "New members' first threads: hours to a reply, against the target", 60),
}


def response_times(target: Target):
    """A table maker: per day a wait began, how many were answered within the target and the median and p90."""
    name, title, per_unit = RESPONSE_TITLES[target]
    unit = "minutes" if per_unit == 1 else "hours"

    def table(since: datetime) -> Table:
        now, limit = utcnow(), ResponseTargets.current().limit(target)
        by_day = defaultdict(list)
        for wait in waits(target, since, now):
            by_day[wait.started_at.date()].append(wait)
        rows = []
        for day in _days(since):
            result = summarise(by_day[day], limit, now)
            median, p90 = (None if result[key] is None else round(result[key] / per_unit, 2)
                           for key in ("median_minutes", "p90_minutes"))
            rows.append([day.isoformat(), result["total"], result["within"], result["missed"], median, p90,
                         round(limit.total_seconds() / 60 / per_unit, 2)])
        return Table(name, title, ["day", "waits", "within", "missed", f"median_{unit}", f"p90_{unit}",
                                   f"target_{unit}"], rows)

    return table


TABLES = {
    "posts-per-day": posts_per_day,
    "queue": queue_per_day,
    "agreement": classifier_agreement,
    "rules": rules_that_fire,
    "reports": reports_per_reason,
    **{RESPONSE_TITLES[target][0]: response_times(target) for target in Target},
}


def insight(name: str, days: int = WINDOW_DAYS) -> Table:
    """One table over the last ``days`` days; raises KeyError for an unknown name."""
    return TABLES[name](utcnow() - timedelta(days=days))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
