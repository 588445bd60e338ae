"""Browser sign-ins that end when they should: on logout, everywhere on request, and after a while.

Flask's own session is a signed cookie that stays valid for as long as its
signature does, whatever the member did since. Here the cookie also carries a
random session id that must match a ``MemberSession`` row on every request, so
deleting the row (logout, "log out everywhere", a password change, suspension,
deleting the account) ends every copy of the cookie at once. A session also
lapses after ``SESSION_IDLE_MINUTES`` without use and ``SESSION_MAX_HOURS``
after logging in, whatever happens.
"""
from datetime import timedelta

from flask import current_app, flash, g, session
from flask_login import login_user, logout_user
from sqlalchemy import inspect

from forum.messages import SESSION_LAPSED
from models import MemberSession, Notification, User, db
from models.base import utcnow

SESSION_ID_KEY = "harbour_session"
_RECORD = "harbour_member_session"  # this request's session row, once the member is loaded


def start_session(user: User) -> None:
    """Log ``user`` in on this browser with a new server-side session."""
    _, plain = MemberSession.issue(user)
    db.session.commit()
    session[SESSION_ID_KEY] = plain  # replaces any id a planted cookie carried
    login_user(user)


def end_session() -> None:
    """Log out this browser: its session row goes, so copies of the cookie open nothing either."""
    record = _current_record()
    if record is not None:
        db.session.delete(record)
        db.session.commit()
    logout_user()
    session.clear()


def member_for_session(user_id: str) -> User | None:
    """Flask-Login's user loader: the member only while their session row is live and they may sign in."""
    record = _current_record()
    if record is None or str(record.user_id) != user_id or record.user.is_suspended:
        return None
    now = utcnow()
    if record.has_lapsed(_minutes("SESSION_IDLE_MINUTES"), _hours("SESSION_MAX_HOURS"), now):
        db.session.delete(record)
        db.session.commit()
        session.clear()
        flash(SESSION_LAPSED, "info")
        return None
    if record.touch(now):
        db.session.commit()
    g.setdefault(_RECORD, record)
    return record.user


def unread_notifications(user: User) -> int:
    """The header's count of ``user``'s unread notices: the one their session row came with, while no commit
    since has expired it (the notifications page has just marked them read, say); otherwise read now."""
    record = g.get(_RECORD)
    loaded = inspect(record).dict if record is not None else {}  # what is loaded, without loading anything
    count = loaded.get("unread_notifications")
    if count is None or loaded.get("user_id") != user.id:
        return Notification.unread_count(user.id)
    return count


def _current_record() -> MemberSession | None:
    plain = session.get(SESSION_ID_KEY)
    return MemberSession.find(plain) if isinstance(plain, str) else None


def _minutes(name: str) -> timedelta:
    return timedelta(minutes=current_app.config[name])


def _hours(name: str) -> timedelta:
    return timedelta(hours=current_app.config[name])
