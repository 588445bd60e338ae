"""Error pages for members and JSON errors for the API and JSON requests, chosen by the request.

Blueprint handlers never see 404s for unknown URLs or 405s, so the choice is
made here, once, for the whole app. A page's script that sends JSON (the
compose form's live check) gets the API's error shape too. Whatever went wrong,
a member always gets Harbour's own page with the Get help now link: the
database session is rolled back first (a failed transaction would otherwise
break the page's own queries), and if even that page cannot be drawn, a plain
one with the link is. An outage of the database or Redis is a 503 that says
so, not a bare 500.
"""
import logging

from flask import Flask, make_response, render_template, request, url_for
from markupsafe import escape
from redis.exceptions import RedisError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, ServiceUnavailable, TooManyRequests

from forum.api.errors import error_response
from forum.messages import SERVICE_UNAVAILABLE
from forum.services import SlowedDown
from models import db

log = logging.getLogger(__name__)

# Statuses whose description is written for members (rate limits, outages); others use the page's own words.
MEMBER_WORDED = (429, 503)


def handle_http_error(error: HTTPException):
    _roll_back()
    if request.path.startswith("/api/") or request.is_json:
        return error_response(error.code, error.description)
    message = error.description if error.code in MEMBER_WORDED else None
    try:
        return render_template("errors/error.html", status=error.code, message=message), error.code
    except Exception:
        log.exception("the error page could not be drawn; sending the plain one")
        return _plain_page(message), error.code


def handle_slowed_down(error: SlowedDown):
    """A slow mode is a pause, not a fault: 429 with the kind words and when to try again, pages and API alike."""
    response = make_response(handle_http_error(TooManyRequests(error.message)))
    response.headers["Retry-After"] = str(error.retry_after_s)
    return response


def handle_outage(error: Exception):
    """The database or Redis is unreachable: nothing to fix on the member's side, so a clear 503."""
    log.error("service unavailable: %s: %s", type(error).__name__, error)
    return handle_http_error(ServiceUnavailable(SERVICE_UNAVAILABLE))


def _roll_back() -> None:
    try:
        db.session.rollback()
    except Exception:
        log.exception("rolling back before the error page failed")


def _plain_page(message: str | None) -> str:
    words = escape(message or "Something went wrong on our side. Please try again in a little while.")
    return (
        '<!doctype html><html lang="en-GB"><meta charset="utf-8"><title>Something went wrong · Harbour</title>'
        f"<h1>Sorry, something went wrong</h1><p>{words}</p>"
        f'<p><a href="{url_for("help.index")}">Get help now</a></p></html>'
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(SlowedDown, handle_slowed_down)
    app.register_error_handler(RedisError, handle_outage)
    app.register_error_handler(OperationalError, handle_outage)
