"""Harbour's persistence: SQLAlchemy models and the queries that belong to them.

Knows the database; no HTTP and no machine learning.
"""
from models.appeals import Appeal
from models.audit import AdminAudit
from models.base import db
from models.board import Board
from models.coverage import ResponseTargets, TargetAlert
from models.duty import DutyShift, ShiftEnd
from models.exposure import CareLimits, CategoryOptOut, ExposureView, ModeratorBreak
from models.breaks import Break
from models.contagion import Cluster, ClusterPost, ClusterStatus, ContagionSettings, SlowMode
from models.jobs import Job, JobKind, JobStatus
from models.model_activations import ModelActivation
from models.mutes import BoardMute, MemberMute, ThreadMute
from models.notification import Notification
from models.outbox import OutboxKind, OutboxMessage
from models.pagination import Page, paginate
from models.preferences import WarningPreference
from models.privacy import PrivacySettings, RetainedPost
from models.post import BODY_MAX_LENGTH, Post, PostRevision, PostStatus
from models.resource import Resource
from models.rulesets import RuleSetStatus, RuleSetVersion, active_ruleset
from models.safety_plan import SafetyPlan
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
from models.screening_jobs import JobState, ScreeningJob
from models.sessions import MemberSession
from models.submissions import Submission
from models.supervision_notes import SupervisionNote
from models.supervision_sessions import SupervisionSession
from models.supervision import RequestKind, SupervisionRequest
from models.thread import TITLE_MAX_LENGTH, Thread
from models.token import ApiToken
from models.training import TrainingCompletion, TrainingPage
from models.user import Role, User
from models.wellbeing import WellbeingCheckIn
from models.word_filters import WordFilter

__all__ = [
    "AdminAudit",
    "Appeal",
    "BODY_MAX_LENGTH",
    "TITLE_MAX_LENGTH",
    "ApiToken",
    "Board",
    "BoardMute",
    "CareLimits",
    "CategoryOptOut",
    "DutyShift",
    "ExposureView",
    "ShiftEnd",
    "Break",
    "Cluster",
    "ClusterPost",
    "ClusterStatus",
    "ContagionSettings",
    "SlowMode",
    "ItemKind",
    "Job",
    "JobKind",
    "JobStatus",
    "JobState",
    "ItemStatus",
    "MemberMute",
    "MemberSession",
    "ModelActivation",
    "ModeratorBreak",
    "ModerationDecision",
    "Notification",
    "OutboxKind",
    "OutboxMessage",
    "Page",
    "Post",
    "PostRevision",
    "PostStatus",
    "Resource",
    "ResponseTargets",
    "TargetAlert",
    "Priority",
    "PrivacySettings",
    "RetainedPost",
    "QueueItem",
    "QueueReason",
    "ReasonSource",
    "RequestKind",
    "Report",
    "ScreeningJob",
    "ScreeningRecord",
    "Role",
    "RuleSetStatus",
    "RuleSetVersion",
    "SafetyPlan",
    "Submission",
    "SupervisionNote",
    "SupervisionSession",
    "SupervisionRequest",
    "Thread",
    "TrainingCompletion",
    "TrainingPage",
    "ThreadMute",
    "User",
    "WarningPreference",
    "WellbeingCheckIn",
    "WordFilter",
    "active_ruleset",
    "db",
    "paginate",
]
