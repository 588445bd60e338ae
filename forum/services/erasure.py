"""Deleting a member's account: their data goes at once, their words go or stay as they choose.

What happens follows ``member_data.MEMBER_COLUMNS``: the member's own rows are
deleted; posts, threads and revisions are removed or kept under "former
member", as they choose; records of what they did for the community stay,
attributed to "former member". Only safety records outlive a removal: posts
that screening judged a crisis, with their screening records and moderator
decisions, are hidden from everyone but moderators and kept for the retention
period an admin sets (the privacy page states it), then purged. The audit log
stays, with the handle replaced wherever it was written.
"""
import re
from enum import Enum

from sqlalchemy import delete, exists, func, select, update
from werkzeug.security import check_password_hash

from forum.rendering import render_markdown
from forum.services import InvalidInput
from forum.services.member_data import MEMBER_COLUMNS, Handling
from models import AdminAudit, Post, PostStatus, QueueItem, Role, ScreeningRecord, Thread, User, db
from models.audit import AuditAction
from models.privacy import FORMER_MEMBER, PrivacySettings, RetainedPost, former_member
from moderation.taxonomy import Action

REMOVED_OPENING = "The person who started this conversation deleted their account, and their words went with it."
REMOVED_TITLE = "A conversation started by a former member"


MIN_RETENTION_DAYS, MAX_RETENTION_DAYS = 1, 3650


class PostsChoice(str, Enum):
    REMOVE = "remove"
    KEEP_ANONYMOUS = "keep_anonymous"


def delete_account(member: User, password: str, posts: str) -> None:
    """Delete ``member`` once their password confirms it; ``posts`` is a ``PostsChoice`` value."""
    fields = {}
    if not isinstance(password, str) or not check_password_hash(member.password_hash, password):
        fields["password"] = "That isn't your password."
    if posts not in {choice.value for choice in PostsChoice}:
        fields["posts"] = "Choose whether your posts are removed or kept without your name."
    if member.is_admin and _admins_besides(member) == 0:
        fields["account"] = "You're the only admin. Make someone else an admin first."
    if fields:
        raise InvalidInput(fields)
    placeholder = former_member()
    if posts == PostsChoice.REMOVE.value:
        _remove_posts(member, PrivacySettings.current().retention_days)
    for (table_name, column_name), column in MEMBER_COLUMNS.items():
        source = db.metadata.tables[table_name]
        where = source.c[column_name] == member.id
        if column.handling is Handling.OWNED:
            db.session.execute(delete(source).where(where))
        elif column.handling is Handling.UNLINKED:
            db.session.execute(update(source).where(where).values({column_name: None}))
        else:
            db.session.execute(update(source).where(where).values({column_name: placeholder.id}))
    _scrub_audit(member.handle)
    db.session.delete(member)
    purge_expired_records()
    db.session.commit()


def set_retention_days(actor: User, days: int) -> None:
    if not isinstance(days, int) or not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
        raise InvalidInput({"retention_days": f"Use {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS} days."})
    settings = PrivacySettings.current()
    before = settings.retention_days
    settings.retention_days = days
    AdminAudit.record(actor, AuditAction.PRIVACY_RETENTION, "privacy", before={"retention_days": before},
                      after={"retention_days": days})
    db.session.commit()


def purge_expired_records() -> int:
    """Delete the kept safety records whose retention period has ended; says how many (the caller commits)."""
    expired = RetainedPost.expired()
    if expired:
        for post_id in expired:
            db.session.delete(db.session.get(Post, post_id))
        db.session.flush()
        _delete_empty_threads(former_member())
    return len(expired)


def _remove_posts(member: User, retention_days: int) -> None:
    crisis = set(db.session.scalars(
        select(ScreeningRecord.post_id)
        .join(Post, Post.id == ScreeningRecord.post_id)
        .where(Post.author_id == member.id, ScreeningRecord.action == Action.CRISIS.value)
    ))
    for post in db.session.scalars(select(Post).where(Post.author_id == member.id)).all():
        if post.id in crisis:
            if post.is_published:  # a held post is hidden already, and stays in the queue for moderators
                post.status = PostStatus.REMOVED.value
            RetainedPost.keep(post.id, retention_days)
        elif post.is_opening and _others_replied(post):
            _leave_a_stub(post)
        else:
            db.session.delete(post)
    db.session.flush()
    _delete_empty_threads(member)


def _others_replied(opening: Post) -> bool:
    return bool(db.session.scalar(
        select(exists().where(Post.thread_id == opening.thread_id, Post.author_id != opening.author_id))
    ))


def _leave_a_stub(opening: Post) -> None:
    """The conversation others joined stays readable; the opening words, their history and notes go."""
    db.session.execute(delete(QueueItem).where(QueueItem.post_id == opening.id))
    opening.revisions.clear()
    opening.screenings.clear()
    opening.body_markdown = REMOVED_OPENING
    opening.body_html = render_markdown(REMOVED_OPENING)
    opening.author_notes, opening.warnings, opening.signposts = [], [], []
    opening.thread.title = REMOVED_TITLE


def _delete_empty_threads(author: User) -> None:
    empty = select(Thread).where(Thread.author_id == author.id, ~exists().where(Post.thread_id == Thread.id))
    for thread in db.session.scalars(empty).all():
        db.session.delete(thread)


def _scrub_audit(handle: str) -> None:
    """Audit entries name members in their target and notes; a deleted member's handle becomes "former member"."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_-]){re.escape(handle)}(?![A-Za-z0-9_-])", re.IGNORECASE)
    mentions = select(AdminAudit).where(
        AdminAudit.target.ilike(f"%{handle}%") | AdminAudit.note.ilike(f"%{handle}%") | AdminAudit.diff.ilike(f"%{handle}%")
    )
    for entry in db.session.scalars(mentions):
        entry.target, entry.note, entry.diff = (pattern.sub(FORMER_MEMBER, text) for text in (entry.target, entry.note, entry.diff))


def _admins_besides(member: User) -> int:
    return db.session.scalar(select(func.count()).where(User.role == Role.ADMIN.value, User.id != member.id))
