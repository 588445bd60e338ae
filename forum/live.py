"""Live queue updates over Socket.IO, for every moderator with a queue page open.

Moderators connect to the ``/moderate`` namespace and join one room; anything
that changes an item (new, claimed, decided) is announced there after commit.
"""
from forum.extensions import socketio
from models import Priority, QueueItem

NAMESPACE = "/moderate"
MODERATORS_ROOM = "moderators"
ITEM_NEW = "item_new"
ITEM_CLAIMED = "item_claimed"
ITEM_DECIDED = "item_decided"


def item_changed(event: str, item: QueueItem) -> None:
    payload = item.to_dict() | {"crisis": item.priority == Priority.CRISIS}
    socketio.emit(event, payload, to=MODERATORS_ROOM, namespace=NAMESPACE)
