"""Alerts before a response-time target is missed: live to the moderators on duty (each in their own room,
so a page left open off duty stays quiet), else through the outbox.

The sweep (every serving process, each SCREENING_SWEEP_INTERVAL_S) and
``flask --app wsgi targets check`` look for members still waiting once
``warn_percent`` of a target's time has passed. Each wait is alerted once: a
``TargetAlert`` row per (target, subject) under a unique constraint, so
processes sweeping at the same moment send one alert between them. A wait
first seen after its target already passed (the sweep was down) is alerted
too, marked overdue. Only ids and links travel, never a post's words.
"""
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from forum import live
from forum.services import duty, escalation
from models import OutboxKind, OutboxMessage, db
from models.base import utcnow
from models.coverage import AlertChannel, ResponseTargets, Target, TargetAlert
from models.response_times import Wait, waits

# How far back the sweep looks past a target: a week of waits missed while nothing swept is still worth one alert.
LOOK_BACK = timedelta(days=7)
TEXTS = {
    Target.CRISIS: "A crisis item is close to its response target on Harbour. Please look now.",
    Target.HELD: "A held post is close to its response target on Harbour.",
    Target.FIRST_REPLY: "A new member's first thread is close to its response target without a reply on Harbour.",
}


def check_targets(now: datetime | None = None) -> list[TargetAlert]:
    """Alert every wait past its warning point that was not alerted before; returns the new alerts."""
    now = now or utcnow()
    targets = ResponseTargets.current()
    sent = []
    for target in Target:
        limit = targets.limit(target)
        candidates = waits(target, now - limit - LOOK_BACK, now - targets.warn_after(target), open_only=True)
        already = TargetAlert.alerted_among(target, [wait.subject_id for wait in candidates])
        for wait in candidates:
            if wait.subject_id not in already:
                alert = _alert(wait, wait.started_at + limit, now)
                if alert is not None:
                    sent.append(alert)
    db.session.commit()
    if any(alert.channel == AlertChannel.OUTBOX.value for alert in sent):
        escalation.deliver_soon()
    return sent


def _alert(wait: Wait, due_at: datetime, now: datetime) -> TargetAlert | None:
    """Claim the alert (None if another process did), then send it live or write it to the outbox."""
    on_duty = {shift.moderator_id for shift in duty.on_duty_now()}
    channel = AlertChannel.LIVE if on_duty else AlertChannel.OUTBOX
    alert = TargetAlert(target=wait.target.value, subject_id=wait.subject_id, due_at=due_at, channel=channel.value)
    try:
        with db.session.begin_nested():
            db.session.add(alert)
    except IntegrityError:
        return None
    payload = _payload(wait, due_at, now)
    if channel == AlertChannel.LIVE:
        for moderator_id in sorted(on_duty):
            live.announce_event(live.TARGET_WARNING, payload, room=live.user_room(moderator_id))
    else:
        db.session.add(OutboxMessage(kind=OutboxKind.TARGET_WARNING.value, payload=payload))
    return alert


def _payload(wait: Wait, due_at: datetime, now: datetime) -> dict:
    if wait.target == Target.FIRST_REPLY:
        where = {"thread_id": wait.subject_id, "url": escalation.page_url("boards.thread", thread_id=wait.subject_id)}
    else:
        where = {"item_id": wait.subject_id, "url": escalation.page_url("moderate.item", item_id=wait.subject_id)}
    return {
        "event": OutboxKind.TARGET_WARNING.value,
        "target": wait.target.value,
        **where,
        "waiting_since": wait.started_at.isoformat(),
        "due_at": due_at.isoformat(),
        "overdue": now >= due_at,
        "subject": "Harbour: a response target is about to be missed",
        "text": TEXTS[wait.target],
    }

