"""Claims on queue items: exclusive, expiring, and safe when moderators race on PostgreSQL."""
import threading
from datetime import timedelta

import pytest

from forum.services import queue
from models import AdminAudit, Board, ItemKind, Post, QueueItem, Role, Thread, User, db
from models.base import utcnow


@pytest.fixture
def item_and_moderators(app, make_member):
    handles = [make_member(f"mod{number}", Role.MODERATOR) for number in range(8)]
    author = make_member("river")
    with app.app_context():
        user = User.find_by_handle(author)
        thread = Thread(board=Board.find_by_slug("coping"), author=user, title="Held")
        post = Post(thread=thread, author=user, is_opening=True, status="held", body_markdown="held text")
        item = QueueItem(post=post, kind=ItemKind.SCREENING.value)
        db.session.add(item)
        db.session.commit()
        return item.id, [User.find_by_handle(handle).id for handle in handles]


def _claim(app, item_id, user_id, hold_for=timedelta(minutes=10)) -> bool:
    with app.app_context():
        won = QueueItem.claim(item_id, db.session.get(User, user_id), hold_for)
        db.session.commit()
        return won


def test_only_the_first_claim_wins_until_it_expires(app, item_and_moderators):
    item_id, (first, second, *_) = item_and_moderators
    assert _claim(app, item_id, first)
    assert not _claim(app, item_id, second)
    assert _claim(app, item_id, first)  # a moderator may renew their own claim
    assert _claim(app, item_id, first, hold_for=timedelta(seconds=-1))  # now lapsed
    assert _claim(app, item_id, second)
    with app.app_context():
        item = db.session.get(QueueItem, item_id)
        assert item.claimed_by_id == second and item.claim_expires_at > utcnow()


def _race(app, moderators, claim) -> list[int]:
    """Every moderator calls ``claim(user)`` at once, each in its own session; returns the winners."""
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("needs PostgreSQL (set HARBOUR_TEST_DATABASE_URL): SQLite serialises writers, so it cannot race")
    start = threading.Barrier(len(moderators))
    results: dict[int, bool] = {}

    def race(user_id: int) -> None:
        with app.app_context():
            moderator = db.session.get(User, user_id)  # each thread: its own session and connection
            start.wait()
            results[user_id] = claim(moderator)

    threads = [threading.Thread(target=race, args=(user_id,)) for user_id in moderators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == len(moderators)
    return [user_id for user_id, won in results.items() if won]


def test_racing_moderators_on_postgresql_get_exactly_one_winner(app, item_and_moderators):
    item_id, moderators = item_and_moderators

    def claim(moderator) -> bool:
        won = QueueItem.claim(item_id, moderator, timedelta(minutes=10))
        db.session.commit()
        return won

    winners = _race(app, moderators, claim)
    assert len(winners) == 1
    with app.app_context():
        assert db.session.get(QueueItem, item_id).claimed_by_id == winners[0]


def test_racing_claims_on_postgresql_audit_only_the_winner(app, item_and_moderators):
    item_id, moderators = item_and_moderators

    def claim(moderator) -> bool:
        try:
            queue.claim_item(db.session.get(QueueItem, item_id), moderator)
        except queue.ItemConflict:
            return False
        return True

    winners = _race(app, moderators, claim)
    assert len(winners) == 1
    with app.app_context():
        claims = [e.actor_id for e in AdminAudit.newest_first() if e.action == "queue.claim"]
        assert claims == winners
