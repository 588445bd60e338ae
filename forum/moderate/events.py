"""Socket.IO: moderators (and only moderators) join the room that hears queue changes; moderators and
supervisors also join a room of their own.

Connecting is not going on duty (that is an explicit choice, ``forum.services.duty``);
it only lets the page hear new, claimed and decided items as they happen.
"""
from flask_login import current_user
from flask_socketio import join_room

from forum.extensions import socketio
from forum.live import MODERATORS_ROOM, NAMESPACE, user_room


def join_moderators(auth=None) -> bool:
    """Moderators hear queue changes; moderators and supervisors each hear what is meant for them alone."""
    if not (current_user.is_authenticated and (current_user.is_moderator or current_user.is_supervisor)):
        return False
    join_room(user_room(current_user.id))
    if current_user.is_moderator:
        join_room(MODERATORS_ROOM)
    return True


def register() -> None:
    """Bind the handler for each app: ``socketio.init_app`` builds a fresh server every time."""
    socketio.on_event("connect", join_moderators, namespace=NAMESPACE)
