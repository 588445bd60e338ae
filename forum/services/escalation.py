"""Making sure a crisis post reaches a person: on-duty moderators hear it live, or the outbox takes it.

The live ``crisis`` alert is announced by the queue service when the item is
queued. When no moderator is on duty (``forum.services.duty``: stored in the
database, so every process agrees), an escalation is written to the outbox and
delivered by the configured sender: a webhook (HARBOUR_ESCALATION_WEBHOOK, a
JSON POST; any 2xx answer acknowledges it) or email (HARBOUR_ESCALATION_SMTP_*;
the relay accepting it acknowledges it). Failed deliveries are tried again with
growing pauses, by ``flask --app wsgi outbox deliver`` (run it from cron every
minute) and once at once in the background. Admins can also mark a message
handled in the admin view, which stops the retries.
"""
import json
import logging
import smtplib
import urllib.request
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app, has_request_context, url_for

from forum.extensions import socketio
from forum.services import duty
from models import OutboxKind, OutboxMessage, QueueItem, User, db
from models.base import utcnow

log = logging.getLogger(__name__)
SEND_TIMEOUT_S = 10


class DeliveryFailed(Exception):
    """The sender could not hand the message over; it will be tried again."""


def alert_crisis(item: QueueItem) -> OutboxMessage | None:
    """With nobody on duty to act on the queue's live alert, escalate through the outbox instead."""
    if duty.anyone_on_duty():
        return None
    message = write_escalation(item)
    deliver_soon()
    return message


def deliver_soon() -> None:
    """Try the outbox once at once, in the background; `flask outbox deliver` retries what fails."""
    if sender_configured():
        socketio.start_background_task(_deliver_in_background, current_app._get_current_object())


def write_escalation(item: QueueItem) -> OutboxMessage:
    """Only ids and a link travel outside Harbour, never the post's words."""
    payload = {
        "event": OutboxKind.CRISIS_ESCALATION.value,
        "item_id": item.id,
        "post_id": item.post_id,
        "board": item.post.thread.board.slug,
        "created_at": item.created_at.isoformat(),
        "queue_url": _item_url(item),
        "text": "A crisis post is waiting on Harbour and no moderator is on duty. Please look now.",
    }
    message = OutboxMessage(kind=OutboxKind.CRISIS_ESCALATION.value, post_id=item.post_id, payload=payload)
    db.session.add(message)
    db.session.commit()
    return message


def _item_url(item: QueueItem) -> str:
    return page_url("moderate.item", item_id=item.id)


def page_url(endpoint: str, **values) -> str:
    """The full link from a request; from a command or the sweep (no host known) the path, for the reader to complete."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    return current_app.url_map.bind("").build(endpoint, values)


def sender_configured() -> bool:
    config = current_app.config
    return bool(config["ESCALATION_WEBHOOK"] or (config["ESCALATION_SMTP_HOST"] and config["ESCALATION_SMTP_TO"]))


def deliver_due(now: datetime | None = None) -> tuple[int, int]:
    """Try every message whose time has come; returns (delivered, failed)."""
    now = now or utcnow()
    delivered = failed = 0
    base_delay = timedelta(seconds=current_app.config["ESCALATION_RETRY_SECONDS"])
    for message in OutboxMessage.due(now):
        try:
            _send(message.payload)
        except DeliveryFailed as error:
            message.record_failure(str(error), now, base_delay)
            failed += 1
        else:
            message.attempts += 1
            message.acknowledge(now)
            delivered += 1
        db.session.commit()
    return delivered, failed


def acknowledge(message: OutboxMessage, by: User) -> None:
    """A person has taken this on: stop trying to deliver it."""
    message.acknowledge(utcnow(), by)
    db.session.commit()


def _send(payload: dict) -> None:
    config = current_app.config
    if config["ESCALATION_WEBHOOK"]:
        _post_webhook(config["ESCALATION_WEBHOOK"], payload)
    elif config["ESCALATION_SMTP_HOST"] and config["ESCALATION_SMTP_TO"]:
        _send_email(config, payload)
    else:
        raise DeliveryFailed("no sender configured (HARBOUR_ESCALATION_WEBHOOK or HARBOUR_ESCALATION_SMTP_HOST)")


def _post_webhook(url: str, payload: dict) -> None:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=SEND_TIMEOUT_S) as response:
            status = response.status
    except OSError as error:  # URLError and HTTPError (non-2xx) are both OSErrors
        raise DeliveryFailed(f"webhook: {error}") from error
    if not 200 <= status < 300:
        raise DeliveryFailed(f"webhook answered {status}")


def _send_email(config, payload: dict) -> None:
    email = EmailMessage()
    email["Subject"] = payload.get("subject", "Harbour: a crisis post is waiting and no moderator is on duty")
    email["From"] = config["ESCALATION_SMTP_FROM"]
    email["To"] = config["ESCALATION_SMTP_TO"]
    email.set_content(f"{payload['text']}\n\n{payload['queue_url']}\n")
    try:
        with smtplib.SMTP(config["ESCALATION_SMTP_HOST"], config["ESCALATION_SMTP_PORT"], timeout=SEND_TIMEOUT_S) as smtp:
            smtp.send_message(email)
    except (OSError, smtplib.SMTPException) as error:
        raise DeliveryFailed(f"smtp: {error}") from error


def _deliver_in_background(app) -> None:
    with app.app_context():
        try:
            deliver_due()
        except Exception:
            log.exception("delivering the outbox failed; `flask outbox deliver` will try again")
