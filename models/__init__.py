"""Harbour's persistence: SQLAlchemy models and the queries that belong to them.

Knows the database; no HTTP and no machine learning.
"""
from models.base import db
from models.board import Board
from models.notification import Notification
from models.pagination import Page, paginate
from models.post import BODY_MAX_LENGTH, Post, PostRevision, PostStatus
from models.queue import (
    ItemKind,
    ItemStatus,
    ModerationDecision,
    Priority,
    QueueItem,
    QueueReason,
    ReasonSource,
    Report,
)
from models.screening import ScreeningRecord
from models.thread import TITLE_MAX_LENGTH, Thread
from models.token import ApiToken
from models.user import Role, User

__all__ = [
    "BODY_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "ApiToken",
    "Board",
    "ItemKind",
    "ItemStatus",
    "ModerationDecision",
    "Notification",
    "Page",
    "Post",
    "PostRevision",
    "PostStatus",
    "Priority",
    "QueueItem",
    "QueueReason",
    "ReasonSource",
    "Report",
    "ScreeningRecord",
    "Role",
    "Thread",
    "User",
    "db",
    "paginate",
]
