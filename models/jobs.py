"""Background jobs an admin starts and watches: backtests (of rule sets and of the contagion guard) and re-screens.

The row is the job's whole story (what to do, how far it has got, what it
found), so any process can run it and any page or API call can report on it.
"""
from datetime import datetime
from enum import Enum

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import UtcDateTime, db, isoformat, utcnow


class JobStatus(str, Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobKind(str, Enum):
    BACKTEST = "backtest"
    RESCREEN = "rescreen"
    CONTAGION_BACKTEST = "contagion_backtest"


class Job(db.Model):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=JobStatus.QUEUED.value, index=True)
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    result: Mapped[dict | None] = mapped_column(JSON)
    error: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def progress(self) -> float:
        """Share of the work done, 0 to 1; a finished job is 1 even if it had nothing to do."""
        if self.status in (JobStatus.DONE.value, JobStatus.FAILED.value):
            return 1.0
        return self.done / self.total if self.total else 0.0

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE.value, JobStatus.FAILED.value)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "progress": round(self.progress, 4),
            "done": self.done,
            "total": self.total,
            "params": self.params,
            "result": self.result,
            "error": self.error or None,
            "created_at": isoformat(self.created_at),
            "started_at": isoformat(self.started_at),
            "finished_at": isoformat(self.finished_at),
        }
