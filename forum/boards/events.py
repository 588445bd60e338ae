"""Socket.IO: each signed-in member joins a room of their own, to hear their posts' verdicts as they land."""
from flask_login import current_user
from flask_socketio import join_room

from forum.extensions import socketio
from forum.live import MEMBERS_NAMESPACE, member_room


def join_own_room(auth=None) -> bool:
    if not current_user.is_authenticated:
        return False
    join_room(member_room(current_user.id))
    return True


def register() -> None:
    """Bind the handler for each app: ``socketio.init_app`` builds a fresh server every time."""
    socketio.on_event("connect", join_own_room, namespace=MEMBERS_NAMESPACE)
