"""The admin audit log: who changed what, when, why, and exactly how.

Every admin change, and every claim a moderator takes on a queue item, writes one
row in the same transaction as the change, so the log can never miss an action
that happened or record one that did not.
"""
import difflib
import json
from datetime import datetime
from enum import Enum

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import UtcDateTime, db, isoformat, utcnow
from models.user import User


class AuditAction(str, Enum):
    """Every kind of audited change, named the way the audit log shows it."""

    RULESET_DRAFT = "ruleset.draft"
    RULESET_EDIT = "ruleset.edit"
    RULESET_ACTIVATE = "ruleset.activate"
    RULESET_ROLLBACK = "ruleset.rollback"
    RESOURCE_ADD = "resource.add"
    RESOURCE_EDIT = "resource.edit"
    RESOURCE_VERIFY = "resource.verify"
    RESOURCE_RETIRE = "resource.retire"
    BOARD_CREATE = "board.create"
    BOARD_EDIT = "board.edit"
    MEMBER_ROLE = "member.role"
    MEMBER_SUSPEND = "member.suspend"
    MEMBER_REINSTATE = "member.reinstate"
    MODEL_ACTIVATE = "model.activate"
    QUEUE_CLAIM = "queue.claim"
    APPEAL_SETTLE = "appeal.settle"
    DUTY_ON = "duty.on"
    DUTY_OFF = "duty.off"
    TRAINING_RECORD = "training.record"
    TRAINING_WITHDRAW = "training.withdraw"
    TRAINING_EDIT = "training.edit"
    PRIVACY_RETENTION = "privacy.retention"
    CONTAGION_SETTINGS = "contagion.settings"
    CONTAGION_CLUSTER = "contagion.cluster"
    CONTAGION_SLOW_MODE = "contagion.slow_mode"
    CONTAGION_HOLD = "contagion.hold"
    CONTAGION_UNDO = "contagion.undo"
    TARGETS_EDIT = "targets.edit"
    SUPERVISOR_ASSIGN = "supervision.assign"
    SUPERVISION_SESSION = "supervision.session"
    SUPERVISION_SESSION_CANCEL = "supervision.session_cancel"
    SUPERVISION_ANSWER = "supervision.answer"
    SUPERVISION_NOTE = "supervision.note"
    SUPERVISION_REQUEST = "supervision.request"
    CARE_LIMITS = "care.limits"
    QUEUE_RELEASE = "queue.release"


class AdminAudit(db.Model):
    __tablename__ = "admin_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(80))
    note: Mapped[str] = mapped_column(Text, default="")
    diff: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()

    @classmethod
    def record(cls, actor: User | None, action: str, target: str, *, note: str = "", before=None, after=None):
        """Add an entry (the caller commits) with a unified diff of the JSON before and after."""
        entry = cls(actor=actor, action=AuditAction(action).value, target=target, note=note, diff=json_diff(before, after, target))
        db.session.add(entry)
        return entry

    @classmethod
    def newest_first(cls, limit: int = 100, target: str | None = None,
                     without: tuple[AuditAction, ...] = ()) -> list["AdminAudit"]:
        statement = select(cls).order_by(cls.created_at.desc(), cls.id.desc()).limit(limit)
        if target is not None:
            statement = statement.where(cls.target == target)
        if without:
            statement = statement.where(cls.action.not_in([action.value for action in without]))
        return list(db.session.scalars(statement))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "actor": self.actor.handle if self.actor else None,
            "action": self.action,
            "target": self.target,
            "note": self.note,
            "diff": self.diff,
            "created_at": isoformat(self.created_at),
        }


def json_diff(before, after, name: str) -> str:
    """A unified diff of two JSON values, one key per line so a change reads at a glance."""
    if before is None and after is None:
        return ""
    lines = [json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).splitlines() if value is not None else []
             for value in (before, after)]
    return "\n".join(difflib.unified_diff(*lines, f"{name} before", f"{name} after", lineterm=""))

