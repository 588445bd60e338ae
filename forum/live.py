"""Live queue updates over Socket.IO, for every moderator with a queue page open.

Moderators connect to the ``/moderate`` namespace and join one room; anything
that changes an item (new, claimed, decided) is announced there after commit,
and a crisis item also raises a distinct ``crisis`` alert.

Having a page open says nothing about being on duty: who is on duty (and so
whether a crisis escalates) is stored in the database by ``forum.services.duty``.
"""
from forum.extensions import socketio
from models import Priority, QueueItem

NAMESPACE = "/moderate"
MODERATORS_ROOM = "moderators"
ITEM_NEW = "item_new"
ITEM_CLAIMED = "item_claimed"
ITEM_DECIDED = "item_decided"
CRISIS = "crisis"


def item_changed(event: str, item: QueueItem) -> None:
    payload = item.to_dict() | {"crisis": item.priority == Priority.CRISIS}
    socketio.emit(event, payload, to=MODERATORS_ROOM, namespace=NAMESPACE)


def crisis_alert(item: QueueItem) -> None:
    """The alert every on-duty moderator must hear at once: which post, in which board."""
    payload = {"item_id": item.id, "post_id": item.post_id, "board": item.post.thread.board.slug}
    socketio.emit(CRISIS, payload, to=MODERATORS_ROOM, namespace=NAMESPACE)

