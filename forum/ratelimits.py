"""Rate limits read from config, so tests and deployments can tune them without code.

Logging in and asking for tokens are limited twice, so that neither can lock a
community out: per address, generously (a school or the HTTPS proxy puts many
members behind one address), and per handle, counting wrong passwords only, so
guesses at one member's password from many addresses are stopped while every
other member still gets in. Client addresses come from ``X-Forwarded-For`` only
through the proxies ``HARBOUR_PROXY_COUNT`` says are there (see ``forum/__init__``).
"""
import time

from flask import current_app, g, request
from flask_limiter.util import get_remote_address

from forum.extensions import limiter
from forum.identity import request_member
from forum.messages import HANDLE_LOCKED, TOO_MANY_ATTEMPTS
from models.user import HANDLE_MAX_LENGTH, handle_key

_REFUSED = "harbour_credentials_refused"


def _configured(name: str):
    return lambda: current_app.config[name]


def member_or_address() -> str:
    """Posting limits follow the member, so a shared school network never throttles a whole class."""
    member = request_member()
    return f"member:{member.id}" if member else get_remote_address()


def attempted_handle() -> str:
    """The handle a login or token request names, in its compared form (form field or JSON body)."""
    data = request.get_json(silent=True) if request.is_json else request.form
    handle = data.get("handle") if hasattr(data, "get") else None  # a form, or a JSON object
    if not isinstance(handle, str):
        handle = ""
    # Longer than any handle can be is no handle at all; the cap keeps storage keys small.
    return "handle:" + handle_key(handle[: HANDLE_MAX_LENGTH + 1])


def refuse_credentials() -> None:
    """Mark this request as a wrong password, so the per-handle limit counts it."""
    g.setdefault(_REFUSED, True)


def _was_refused(response) -> bool:
    return bool(g.get(_REFUSED))


def _handle_locked() -> str:
    """The lock's message, saying how long until this handle's window frees."""
    limit = limiter.current_limit
    minutes = max(1, round((limit.reset_at - time.time()) / 60)) if limit else 1
    return HANDLE_LOCKED.format(minutes=f"{minutes} minute{'' if minutes == 1 else 's'}")


# Shared limits: the pages and the API draw on one allowance per scope.
register_limit = limiter.shared_limit(
    _configured("RATELIMIT_REGISTER"), scope="register", methods=["POST"], error_message=TOO_MANY_ATTEMPTS
)
login_limit = limiter.shared_limit(
    _configured("RATELIMIT_LOGIN"), scope="login", methods=["POST"], error_message=TOO_MANY_ATTEMPTS
)
token_limit = limiter.shared_limit(
    _configured("RATELIMIT_TOKEN"), scope="token", methods=["POST"], error_message=TOO_MANY_ATTEMPTS
)
handle_failures_limit = limiter.shared_limit(
    _configured("RATELIMIT_HANDLE_FAILURES"),
    scope="handle-failures",
    key_func=attempted_handle,
    methods=["POST"],
    deduct_when=_was_refused,
    error_message=_handle_locked,
)
posting_limit = limiter.shared_limit(
    _configured("RATELIMIT_POSTING"), scope="posting", key_func=member_or_address, methods=["POST", "PATCH"],
    error_message=TOO_MANY_ATTEMPTS,
)
screen_limit = limiter.shared_limit(
    _configured("RATELIMIT_SCREEN"), scope="screen", key_func=member_or_address, methods=["POST"],
    error_message=TOO_MANY_ATTEMPTS,
)
