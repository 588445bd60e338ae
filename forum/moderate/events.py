"""Socket.IO: moderators (and only moderators) join the room that hears queue changes, and are counted
as on duty while connected, so a crisis with nobody online is escalated instead."""
from flask import request
from flask_login import current_user
from flask_socketio import join_room

from forum import live
from forum.extensions import socketio
from forum.live import MODERATORS_ROOM, NAMESPACE


def join_moderators(auth=None) -> bool:
    if not (current_user.is_authenticated and current_user.is_moderator):
        return False
    join_room(MODERATORS_ROOM)
    live.moderator_connected(request.sid)
    return True


def leave_moderators(reason=None) -> None:
    live.moderator_disconnected(request.sid)


def register() -> None:
    """Bind the handlers for each app: ``socketio.init_app`` builds a fresh server every time."""
    socketio.on_event("connect", join_moderators, namespace=NAMESPACE)
    socketio.on_event("disconnect", leave_moderators, namespace=NAMESPACE)
