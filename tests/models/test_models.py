"""Model rules that hold whatever the web layer does."""
import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from models import ApiToken, Board, Post, PostStatus, Role, Thread, User, db, paginate
from models.user import handle_key


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session


def _user(handle, role=Role.MEMBER):
    user = User(handle=handle, handle_key=handle_key(handle), password_hash="x", role=role.value)
    db.session.add(user)
    db.session.commit()
    return user


def _thread(author, status=PostStatus.PUBLISHED, title="A thread"):
    thread = Thread(board=Board.find_by_slug("coping"), author=author, title=title)
    post = Post(thread=thread, author=author, is_opening=True, status=status.value, body_markdown="hi")
    db.session.add(post)
    db.session.commit()
    return thread, post


def test_handles_are_unique_whatever_their_letter_case(session):
    _user("Sky")
    with pytest.raises(IntegrityError):
        _user("sKy")
    session.rollback()
    assert User.find_by_handle(" SKY ").handle == "Sky"


def test_new_members_default_to_the_member_role_and_the_uk(session):
    user = _user("river")
    assert user.role == "member" and user.region == "UK"
    assert user.created_at.tzinfo is not None
    assert not user.is_moderator


@pytest.mark.parametrize("role, sees_everything", [(Role.MEMBER, False), (Role.MODERATOR, True), (Role.ADMIN, True)])
def test_who_sees_which_posts(session, role, sees_everything):
    author, viewer = _user("author"), _user("viewer", role)
    statuses = list(PostStatus)
    for status in statuses:
        _thread(author, status, title=status.value)
    seen_by_author = {t.title for t in session.scalars(Thread.in_board(Board.find_by_slug("coping"), author))}
    seen_by_viewer = {t.title for t in session.scalars(Thread.in_board(Board.find_by_slug("coping"), viewer))}
    seen_logged_out = {t.title for t in session.scalars(Thread.in_board(Board.find_by_slug("coping"), None))}
    assert seen_by_author == {s.value for s in statuses}
    assert seen_by_viewer == ({s.value for s in statuses} if sees_everything else {"published"})
    assert seen_logged_out == {"published"}


def test_statements_built_once_still_show_each_viewer_only_their_own_posts_and_threads(session):
    author, other, moderator = _user("author"), _user("other"), _user("warden", Role.MODERATOR)
    thread, _ = _thread(author)
    for status in PostStatus:
        session.add(Post(thread=thread, author=author, status=status.value, body_markdown=status.value))
    held, _ = _thread(author, PostStatus.HELD, title="held")
    session.commit()

    def seen(viewer):
        statement, params = Post.in_thread(thread.id, viewer)
        return [post.body_markdown for post in paginate(statement, 1, 20, params).items if not post.is_opening]

    everything = [status.value for status in PostStatus]
    assert seen(author) == seen(moderator) == everything
    assert seen(other) == seen(None) == ["published"]
    assert Thread.find_visible(held.id, author) == held and Thread.find_visible(held.id, moderator) == held
    assert Thread.find_visible(held.id, other) is None and Thread.find_visible(held.id, None) is None


def test_a_full_page_of_a_statement_built_once_counts_with_its_parameters(session):
    author = _user("author")
    thread, _ = _thread(author)
    for number in range(4):
        session.add(Post(thread=thread, author=author, status=PostStatus.PUBLISHED.value, body_markdown=f"{number}"))
    session.commit()
    statement, params = Post.in_thread(thread.id, None)
    first, last = paginate(statement, 1, 2, params), paginate(statement, 3, 2, params)
    assert first.total == 5 and first.pages == 3 and [post.body_markdown for post in first.items] == ["hi", "0"]
    assert [post.body_markdown for post in last.items] == ["3"] and not last.has_next


def test_revisions_keep_every_version_and_mark_the_post_edited(session):
    author = _user("author")
    _, post = _thread(author)
    post.record_revision("first", editor=author)
    assert post.edited_at is None
    post.record_revision("second", editor=author)
    session.commit()
    assert [r.body_markdown for r in post.revisions] == ["first", "second"]
    assert post.body_markdown == "second" and post.edited_at is not None


def test_tokens_are_found_by_their_plain_value_until_revoked(session):
    user = _user("river")
    token, plain = ApiToken.issue(user)
    session.commit()
    assert token.token_hash != plain
    assert ApiToken.find_active(plain) == token
    token.revoke()
    session.commit()
    assert ApiToken.find_active(plain) is None
    assert ApiToken.active_for(user) == []


def test_pagination_counts_pages_and_clamps_the_page_number(session):
    author = _user("author")
    for number in range(5):
        _thread(author, title=f"t{number}")
    statement = Thread.in_board(Board.find_by_slug("coping"), author)
    page = paginate(statement, 0, 2)
    assert page.page == 1 and page.pages == 3 and page.total == 5 and len(page.items) == 2
    last = paginate(statement, 3, 2)
    assert not last.has_next and last.has_prev and len(last.items) == 1
    assert paginate(statement, 9, 2).items == []
    assert paginate(statement, 9, 2).total == 5


def test_a_short_last_page_knows_the_total_without_counting(session):
    author = _user("author")
    for number in range(3):
        _thread(author, title=f"t{number}")
    statement = Thread.in_board(Board.find_by_slug("coping"), author)
    queries = []

    def note(connection, cursor, statement_text, *args):
        queries.append(statement_text)

    sa.event.listen(db.engine, "before_cursor_execute", note)
    only = paginate(statement, 1, 20)
    sa.event.remove(db.engine, "before_cursor_execute", note)
    assert only.total == 3 and only.pages == 1 and not only.has_next
    assert not any("count(" in query.lower() for query in queries)
    full = paginate(statement, 1, 3)  # a full page may have more after it: that takes a count
    assert full.total == 3 and not full.has_next
    assert paginate(Thread.in_board(Board.find_by_slug("introductions"), author), 1, 20).total == 0


def test_timestamps_come_back_in_utc(session):
    author = _user("author")
    thread, post = _thread(author)
    session.expire_all()
    assert thread.created_at.utcoffset().total_seconds() == 0
    assert post.to_dict()["created_at"].endswith("Z")


def test_sqlite_keeps_a_write_ahead_log_and_puts_every_commit_on_disk(session):
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("a SQLite setting")
    assert session.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    assert session.execute(sa.text("PRAGMA synchronous")).scalar() == 2  # FULL
    assert session.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
