"""The thread page reads a fixed handful of rows, however many posts and authors it shows.

Speed itself is measured by bench/load.py; this guards the shape that makes it fast: no query per
post, per author or per title on the page (an N+1 that a new template line can quietly bring back).
"""

from forum.services import posts
from models import Board, Thread, User, db
from tests.sql_trace import recorded_sql

# Sign-in (session, member, break, unread notices), thread (board, opening post), posts (authors), the reader's view
# (content-note choices, muted members, threads and boards, word filters).
PAGE_QUERIES_MOST = 4
WALK = "Went for a walk by the river this morning and it helped a bit."


def _queries_for(app, client, path: str) -> list[str]:
    """The SQL one page view runs (in its own request, as a server runs it)."""
    with app.app_context():
        engine = db.engine
    with recorded_sql(engine) as queries:
        assert client.get(path).status_code == 200
    return queries


def test_the_thread_page_costs_the_same_queries_for_one_post_or_many_authors(app, member_client, make_member):
    with app.app_context():
        thread, _ = posts.create_thread(Board.find_by_slug("coping"), User.find_by_handle("willow"), "Walks", WALK)
        thread_id = thread.id
    path = f"/t/{thread_id}"
    alone = _queries_for(app, member_client, path)
    for handle in ("river", "maple", "heron", "wren"):
        make_member(handle)
        with app.app_context():
            posts.create_reply(db.session.get(Thread, thread_id), User.find_by_handle(handle), f"{WALK} ({handle})")
    busy = _queries_for(app, member_client, path)
    page = member_client.get(path).get_data(as_text=True)
    assert all(f"{WALK} ({handle})" in page for handle in ("river", "maple", "heron", "wren"))
    assert 'action="/p/' in page  # others' posts carry the report form
    assert len(busy) == len(alone) <= PAGE_QUERIES_MOST, "\n".join(busy)
