"""Socket.IO: moderators (and only moderators) join the room that hears queue changes.

Connecting is not going on duty (that is an explicit choice, ``forum.services.duty``);
it only lets the page hear new, claimed and decided items as they happen.
"""
from flask_login import current_user
from flask_socketio import join_room

from forum.extensions import socketio
from forum.live import MODERATORS_ROOM, NAMESPACE, SUPERVISORS_ROOM


def join_moderators(auth=None) -> bool:
    """Moderators hear queue changes; supervisors also hear moderators' check-in requests."""
    if not (current_user.is_authenticated and current_user.is_moderator):
        return False
    join_room(MODERATORS_ROOM)
    if current_user.is_supervisor:
        join_room(SUPERVISORS_ROOM)
    return True


def register() -> None:
    """Bind the handler for each app: ``socketio.init_app`` builds a fresh server every time."""
    socketio.on_event("connect", join_moderators, namespace=NAMESPACE)
