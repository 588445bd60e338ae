"""A reader's content-note choices, mutes and word filters come back together, in one query."""

from models import Board, BoardMute, MemberMute, Role, Thread, ThreadMute, User, WarningPreference, WordFilter, db
from models.reading_choices import reading_choices_of
from models.user import handle_key
from tests.sql_trace import recorded_sql


def _user(handle, role=Role.MEMBER):
    user = User(handle=handle, handle_key=handle_key(handle), password_hash="x", role=role.value)
    db.session.add(user)
    db.session.commit()
    return user


def test_a_readers_choices_mutes_and_filters_come_back_in_one_query(app):
    with app.app_context():
        reader, river, warden, other = _user("reader"), _user("river"), _user("warden"), _user("other")
        coping = Board.find_by_slug("coping")
        walks = Thread(board=coping, author=river, title="Walks")
        bread = Thread(board=coping, author=river, title="Bread")
        db.session.add_all([walks, bread])
        db.session.flush()
        db.session.add_all([
            ThreadMute(user_id=reader.id, thread_id=walks.id),
            ThreadMute(user_id=other.id, thread_id=bread.id),
            BoardMute(user_id=reader.id, board_id=coping.id),
            WarningPreference(user_id=reader.id, category="numbers", choice="hide"),
            WarningPreference(user_id=other.id, category="numbers", choice="show"),
            MemberMute(user_id=reader.id, muted_id=river.id),
            MemberMute(user_id=reader.id, muted_id=warden.id),
            MemberMute(user_id=other.id, muted_id=reader.id),
            WordFilter(user_id=reader.id, phrase="exams", phrase_key="exams", choice="collapse"),
            WordFilter(user_id=reader.id, phrase="Bread", phrase_key="bread", choice="hide"),
            WordFilter(user_id=other.id, phrase="walks", phrase_key="walks", choice="hide"),
        ])
        warden.role = Role.MODERATOR.value  # muted before becoming a moderator: the mute stops applying
        db.session.commit()
        ids = {member.handle: member.id for member in (reader, river, other)}  # loaded again after the commit
        ids |= {"walks": walks.id, "bread": bread.id, "coping": coping.id}
        with recorded_sql(db.engine) as queries:
            read = reading_choices_of(reader)
        assert len(queries) == 1
        assert read.choices == {"numbers": "hide"}
        assert read.muted == frozenset({ids["river"]})
        assert read.filters == [("exams", "collapse"), ("bread", "hide")]
        assert read.muted_threads == frozenset({ids["walks"]}) and read.muted_boards == frozenset({ids["coping"]})
        assert reading_choices_of(other).muted == frozenset({ids["reader"]})
        assert reading_choices_of(other).muted_threads == frozenset({ids["bread"]})
        assert reading_choices_of(river) == type(read)({}, frozenset(), [])
