"""Posts, their revisions, and who may see them.

A post keeps the raw Markdown its author wrote and the sanitised HTML readers
get; every version ever submitted is kept as a revision, so edits and
moderator changes can always be traced.
"""
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, String, Text, bindparam, func, or_, select, true
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from models.base import UtcDateTime, built_once, db, isoformat, utcnow
from models.pagination import paged
from moderation.taxonomy import Action
from models.user import User

if TYPE_CHECKING:
    from models.screening import ScreeningRecord
    from models.thread import Thread

BODY_MAX_LENGTH = 20_000


# Statements built once per process stand the viewer's id in with this parameter.
VIEWER_ID = bindparam("viewer_id")


class Viewing(str, Enum):
    """What decides which posts a viewer sees; statements built ahead are built once for each."""

    GUEST = "guest"
    MEMBER = "member"
    MODERATOR = "moderator"

    @classmethod
    def of(cls, viewer: User | None) -> "Viewing":
        if viewer is None:
            return cls.GUEST
        return cls.MODERATOR if viewer.is_moderator else cls.MEMBER


def viewer_params(viewer: User | None) -> dict:
    """The value of ``VIEWER_ID`` for ``viewer``."""
    return {"viewer_id": viewer.id if viewer is not None else None}


class PostStatus(str, Enum):
    """Where a post is in its life; only ``published`` reaches every member."""

    PENDING = "pending"
    PUBLISHED = "published"
    HELD = "held"
    NEEDS_EDIT = "needs_edit"
    REMOVED = "removed"


class Post(db.Model):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("threads.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    is_opening: Mapped[bool] = mapped_column(default=False)
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=PostStatus.PENDING.value, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Content-note labels (taxonomy categories) readers see, and resource keys for signposting.
    warnings: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    signposts: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")
    # The notes the author chose themselves; every screening keeps them in ``warnings``.
    author_notes: Mapped[list] = mapped_column(JSON, default=list, server_default="[]")

    thread: Mapped["Thread"] = relationship(back_populates="posts")
    author: Mapped[User] = relationship()
    revisions: Mapped[list["PostRevision"]] = relationship(
        back_populates="post", order_by="PostRevision.id", cascade="all, delete-orphan"
    )
    screenings: Mapped[list["ScreeningRecord"]] = relationship(
        back_populates="post", order_by="ScreeningRecord.id", cascade="all, delete-orphan"
    )

    @classmethod
    def visible_to(cls, viewer: User | None) -> ColumnElement[bool]:
        return cls.visible_as(Viewing.of(viewer), viewer.id if viewer is not None else None)

    @classmethod
    def visible_as(cls, viewing: Viewing, viewer_id) -> ColumnElement[bool]:
        """Everyone sees published posts; authors see their own; moderators see all. ``viewer_id`` is the
        viewer's id, or ``VIEWER_ID`` in statements built ahead."""
        if viewing is Viewing.MODERATOR:
            return true()
        published = cls.status == PostStatus.PUBLISHED.value
        if viewing is Viewing.GUEST:
            return published
        return or_(published, cls.author_id == viewer_id)

    @classmethod
    def find_visible(cls, post_id: int, viewer: User | None) -> "Post | None":
        return db.session.scalar(select(cls).where(cls.id == post_id, cls.visible_to(viewer)))

    @classmethod
    def in_thread(cls, thread_id: int, viewer: User | None) -> tuple:
        """Posts of a thread in reading order with their authors: a statement built ahead and its
        parameters, ready to paginate (every thread page and the API's threads run it)."""
        return _thread_posts(Viewing.of(viewer)), viewer_params(viewer) | {"thread_id": thread_id}

    def position_for(self, viewer: User | None) -> int:
        """How many posts ``viewer`` sees before this one, to find the page it is on."""
        statement = select(func.count()).where(
            Post.thread_id == self.thread_id, Post.visible_to(viewer), Post.id < self.id
        )
        return db.session.scalar(statement)

    @classmethod
    def by_author(cls, author: User, limit: int = 20) -> list["Post"]:
        statement = select(cls).where(cls.author_id == author.id).order_by(cls.id.desc()).limit(limit)
        return list(db.session.scalars(statement))

    @classmethod
    def published_count(cls, author: User) -> int:
        """How many of a member's posts are up; new-member pre-moderation reads this."""
        return db.session.scalar(
            select(func.count()).where(cls.author_id == author.id, cls.status == PostStatus.PUBLISHED.value)
        )

    @property
    def latest_screening(self) -> "ScreeningRecord | None":
        return self.screenings[-1] if self.screenings else None

    @property
    def is_crisis(self) -> bool:
        """Held because its latest screening found someone may be in danger now."""
        screening = self.latest_screening
        return self.status == PostStatus.HELD.value and screening is not None and screening.action == Action.CRISIS

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED.value

    @property
    def explanation_for_author(self) -> str | None:
        """What the author is told about the post's current state: the latest screening's words."""
        screening = self.latest_screening
        return screening.explanation_for_author if screening else None

    def record_revision(self, body_markdown: str, editor: User) -> "PostRevision":
        """Make ``body_markdown`` the current text, keeping it as a revision too."""
        if self.revisions:
            self.edited_at = utcnow()
        self.body_markdown = body_markdown
        revision = PostRevision(editor=editor, body_markdown=body_markdown)
        self.revisions.append(revision)
        return revision

    def to_dict(self, viewer: User | None = None) -> dict:
        data = {
            "id": self.id,
            "thread_id": self.thread_id,
            "author": self.author.handle,
            "body_html": self.body_html,
            "status": self.status,
            "warnings": list(self.warnings),
            "signposts": list(self.signposts),
            "created_at": isoformat(self.created_at),
            "edited_at": isoformat(self.edited_at),
        }
        if viewer is not None and viewer.id == self.author_id:
            data["body"] = self.body_markdown
            data["explanation"] = self.explanation_for_author
        return data


@built_once
def _thread_posts(viewing: Viewing):
    return paged(
        select(Post)
        .where(Post.thread_id == bindparam("thread_id"), Post.visible_as(viewing, VIEWER_ID))
        .options(joinedload(Post.author, innerjoin=True))
        .order_by(Post.id)
    )


class PostRevision(db.Model):
    """One submitted version of a post's text, never changed after it is written."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    editor_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body_markdown: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)

    post: Mapped[Post] = relationship(back_populates="revisions")
    editor: Mapped[User] = relationship()
