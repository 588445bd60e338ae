"""Live updates over Socket.IO: queue changes for every moderator with a queue page open, and each
member's own verdicts for the pages they are waiting on.

Moderators connect to the ``/moderate`` namespace and join one room. The queue
service announces each change it makes to an item (new, claimed, decided, and a
distinct ``crisis`` alert) with ``announce``; the message is sent once the
transaction that made the change commits, and never if it rolls back. So
moderators' screens follow what is stored, whether the change came from a
page, the API, a command or a background job.

Check-in requests from moderators (a tap-out, "this one stayed with me") go to
the supervisor on call alone: each signed-in moderator or supervisor joins a
room of their own (``user_room``), and ``announce_event`` sends there on the
same after-commit path.

Having a page open says nothing about being on duty: who is on duty (and so
whether a crisis escalates) is stored in the database by ``forum.services.duty``.

Members connect to the ``/members`` namespace and join a room of their own; when
a post of theirs gets its verdict, ``tell_author`` says so there (after the
verdict's commit), so a page showing it as "being checked" changes at once. The
event carries only the post's id and whether the author should be taken to help;
the page asks the server for anything else. With several processes and no
Redis, a verdict stored in another process does not reach the socket, so pages
keep asking now and then as well.
"""
import logging

import socketio as python_socketio
from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from forum.config import REDIS_TIMEOUTS
from forum.extensions import socketio
from models import Priority, QueueItem, db

log = logging.getLogger(__name__)

NAMESPACE = "/moderate"
MODERATORS_ROOM = "moderators"
ITEM_NEW = "item_new"
ITEM_CLAIMED = "item_claimed"
ITEM_DECIDED = "item_decided"
CRISIS = "crisis"
CLUSTER = "cluster"  # the contagion guard found a cluster of posts imitating or comparing
TARGET_WARNING = "target_warning"
CHECK_IN = "check_in_requested"
MEMBERS_NAMESPACE = "/members"
VERDICT = "verdict"
_PENDING = "harbour.announcements"  # (event, item) pairs waiting for the commit
_READY = "harbour.announcements_ready"  # (room, event, payload) to send once it has happened


def client_manager(config) -> python_socketio.Manager:
    """Where events go: Redis when several processes share them, else this process only.

    Built here for every app, because the Socket.IO extension keeps the last app's manager otherwise.
    With Redis unreachable, python-socketio logs each failed publish and carries on, so a request that
    announces a change still succeeds; live pages catch up on their next load.
    """
    if config["REDIS_URL"]:
        return python_socketio.RedisManager(config["REDIS_URL"], channel="flask-socketio", redis_options=REDIS_TIMEOUTS)
    return python_socketio.Manager()


def announce(name: str, item: QueueItem) -> None:
    """Send ``name`` about ``item`` to moderators after the current transaction commits."""
    db.session.info.setdefault(_PENDING, []).append((name, item))


def snapshot() -> dict:
    """What waits to be sent, to ``restore`` after a savepoint rolls back: a rollback, even of a savepoint,
    forgets every waiting announcement, including those about changes made before the savepoint."""
    return {key: list(db.session.info.get(key, [])) for key in (_PENDING, _READY)}


def restore(saved: dict) -> None:
    for key, waiting in saved.items():
        if waiting:
            db.session.info[key] = list(waiting)
        else:
            db.session.info.pop(key, None)


def announce_event(name: str, data: dict, room: str = MODERATORS_ROOM) -> None:
    """Send ``name`` with ``data`` (not about one item, e.g. a target about to be missed) after the commit."""
    db.session.info.setdefault(_READY, []).append((room, name, data))


def user_room(user_id: int) -> str:
    """The room only this person's pages join: for what is meant for them alone (a check-in request)."""
    return f"user-{user_id}"


def member_room(user_id: int) -> str:
    return f"member-{user_id}"


def tell_author(post_id: int, author_id: int, *, crisis: bool) -> None:
    """After the commit that stored a post's verdict: its author's open pages hear it now."""
    try:
        socketio.emit(VERDICT, {"post_id": post_id, "crisis": crisis}, to=member_room(author_id),
                      namespace=MEMBERS_NAMESPACE)
    except Exception:  # the verdict is stored; the page's own checks will find it
        log.exception("could not send the live verdict for post %s", post_id)


def _payload(name: str, item: QueueItem) -> dict:
    """Crisis and cluster alerts say only which item, post and where; other events carry the item as lists show it."""
    from forum.services.queue_view import item_json  # the view module imports the queue, which imports this

    if name in (CRISIS, CLUSTER):
        return {"item_id": item.id, "post_id": item.post_id, "board": item.post.thread.board.slug}
    return item_json(item) | {"crisis": item.priority == Priority.CRISIS}


def _prepare(session: Session) -> None:
    """Before the commit, while SQL may still run: flush, then freeze each payload as it will be stored."""
    pending = session.info.pop(_PENDING, None)
    if pending:
        session.flush()
        session.info.setdefault(_READY, []).extend(
            (MODERATORS_ROOM, name, _payload(name, item)) for name, item in pending
        )


def _send(session: Session) -> None:
    for room, name, data in session.info.pop(_READY, []):
        try:
            socketio.emit(name, data, to=room, namespace=NAMESPACE)
        except Exception:  # the change is stored; a lost live update must not turn it into an error
            log.exception("could not send the live %s update (%s)", name, data.get("id"))


def _forget(session: Session, *args) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_READY, None)


def init_app(app: Flask) -> None:
    """Listen to every session's commits (once per process: the listeners are global)."""
    for name, listener in (("before_commit", _prepare), ("after_commit", _send), ("after_soft_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)

