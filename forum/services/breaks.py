"""Taking a break from the forum and muting boards or threads, for oneself only."""
from datetime import timedelta

from forum.services import InvalidInput
from models import Board, BoardMute, Break, Thread, ThreadMute, User, db
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


def is_muted(member: User, item: Board | Thread) -> bool:
    model = BoardMute if isinstance(item, Board) else ThreadMute
    return db.session.get(model, (member.id, item.id)) is not None


def _delete(row) -> None:
    if row is not None:
        db.session.delete(row)
        db.session.commit()
