"""Threads nobody has answered: surfaced to moderators and to members who offer to be there for someone,
so no one who reaches out is left in silence."""
from datetime import timedelta

from flask import current_app

from models import User, db
from models.base import utcnow
from models.mutes import BoardMute, listed_for
from models.thread import Thread


def unanswered_threads():
    """Threads left without a reply for longer than UNANSWERED_AFTER_HOURS, oldest first."""
    return Thread.unanswered(utcnow() - timedelta(hours=current_app.config["UNANSWERED_AFTER_HOURS"]))


def unanswered_for(member: User):
    """The list a supporter sees: not their own threads, nothing from boards, threads or members they muted."""
    muted_boards = db.select(BoardMute.board_id).where(BoardMute.user_id == member.id)
    return unanswered_threads().where(
        Thread.author_id != member.id, listed_for(member), Thread.board_id.not_in(muted_boards)
    )


def set_offers_support(member: User, offers: bool) -> None:
    member.offers_support = offers
    db.session.commit()
