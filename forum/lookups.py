"""Records a URL names by id: found, or a 404 that says what was not there, the same on pages and in the API."""
from models import QueueItem, db


def queue_item_or_404(item_id: int) -> QueueItem:
    return db.get_or_404(QueueItem, item_id, description="There is no queue item with that id.")
