"""Taking a break from the forum and muting boards, threads or members, for oneself only."""
from datetime import timedelta

from forum import messages
from forum.services import InvalidInput
from models import Board, BoardMute, Break, MemberMute, Thread, ThreadMute, User, db
from models.base import utcnow

BREAK_LENGTHS = {
    "1h": timedelta(hours=1),
    "1d": timedelta(days=1),
    "3d": timedelta(days=3),
    "1w": timedelta(weeks=1),
}


def take_break(member: User, length: str) -> Break:
    """Pause boards and threads for ``member`` from now, replacing any break already running."""
    if length not in BREAK_LENGTHS:
        raise InvalidInput({"length": "Please choose how long your break should be."})
    pause = db.session.get(Break, member.id) or Break(user_id=member.id)
    pause.ends_at = utcnow() + BREAK_LENGTHS[length]
    db.session.add(pause)
    db.session.commit()
    return pause


def end_break(member: User) -> None:
    pause = db.session.get(Break, member.id)
    if pause is not None:
        db.session.delete(pause)
        db.session.commit()


def mute_board(member: User, board: Board) -> None:
    if db.session.get(BoardMute, (member.id, board.id)) is None:
        db.session.add(BoardMute(user_id=member.id, board_id=board.id))
        db.session.commit()


def unmute_board(member: User, board: Board) -> None:
    _delete(db.session.get(BoardMute, (member.id, board.id)))


def mute_thread(member: User, thread: Thread) -> None:
    if db.session.get(ThreadMute, (member.id, thread.id)) is None:
        db.session.add(ThreadMute(user_id=member.id, thread_id=thread.id))
        db.session.commit()


def unmute_thread(member: User, thread: Thread) -> None:
    _delete(db.session.get(ThreadMute, (member.id, thread.id)))


def mute_member(member: User, other: User) -> None:
    """Mute ``other`` for ``member``, silently; nobody mutes themselves, and moderators can't be muted,
    so what they write as moderators always reaches everyone."""
    if other.id == member.id:
        raise InvalidInput({"handle": messages.MUTE_SELF})
    if other.is_moderator:
        raise InvalidInput({"handle": messages.MUTE_MODERATOR})
    if db.session.get(MemberMute, (member.id, other.id)) is None:
        db.session.add(MemberMute(user_id=member.id, muted_id=other.id))
        db.session.commit()


def unmute_member(member: User, other: User) -> None:
    _delete(db.session.get(MemberMute, (member.id, other.id)))


def _delete(row) -> None:
    if row is not None:
        db.session.delete(row)
        db.session.commit()
