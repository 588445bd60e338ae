"""Live queue updates over Socket.IO, for every moderator with a queue page open.

Moderators connect to the ``/moderate`` namespace and join one room; anything
that changes an item (new, claimed, decided) is announced there after commit,
and a crisis item also raises a distinct ``crisis`` alert.

Who is online is counted per process, in the app's own set of Socket.IO
session ids. That is exact in embedded mode (one process). With REDIS_URL and
several workers each worker only counts its own connections, so a worker may
think nobody is online and escalate: the safe mistake for a crisis.
"""
import socketio as python_socketio
from flask import current_app

from forum.config import REDIS_TIMEOUTS

from forum.extensions import socketio
from models import Priority, QueueItem

NAMESPACE = "/moderate"
MODERATORS_ROOM = "moderators"
ITEM_NEW = "item_new"
ITEM_CLAIMED = "item_claimed"
ITEM_DECIDED = "item_decided"
CRISIS = "crisis"
_ONLINE = "harbour.moderators_online"


def client_manager(config) -> python_socketio.Manager:
    """Where events go: Redis when several processes share them, else this process only.

    Built here for every app, because the Socket.IO extension keeps the last app's manager otherwise.
    With Redis unreachable, python-socketio logs each failed publish and carries on, so a request that
    announces a change still succeeds; live pages catch up on their next load.
    """
    if config["REDIS_URL"]:
        return python_socketio.RedisManager(config["REDIS_URL"], channel="flask-socketio", redis_options=REDIS_TIMEOUTS)
    return python_socketio.Manager()


def item_changed(event: str, item: QueueItem) -> None:
    payload = item.to_dict() | {"crisis": item.priority == Priority.CRISIS}
    socketio.emit(event, payload, to=MODERATORS_ROOM, namespace=NAMESPACE)


def crisis_alert(item: QueueItem) -> None:
    """The alert every on-duty moderator must hear at once: which post, in which board."""
    payload = {"item_id": item.id, "post_id": item.post_id, "board": item.post.thread.board.slug}
    socketio.emit(CRISIS, payload, to=MODERATORS_ROOM, namespace=NAMESPACE)


def _online() -> set[str]:
    return current_app.extensions.setdefault(_ONLINE, set())


def moderator_connected(sid: str) -> None:
    _online().add(sid)


def moderator_disconnected(sid: str) -> None:
    _online().discard(sid)


def moderators_online() -> int:
    return len(_online())
