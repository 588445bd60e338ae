"""Screening as a durable job: accept, run, recover.

The invariant, which the tests check after every fault they inject:

    No revision stays pending unseen. Every accepted revision has a screening
    job, written in the transaction that accepted it; a job only becomes
    ``done`` in the transaction that stores its verdict; and any job left
    unfinished (a lost dispatch, a worker killed mid-job, a dropped database
    connection, Redis down) is handed out again by the recovery sweep, until
    it is out of attempts (``recover`` says when) and the post is held as
    "screening unavailable" in a moderator's queue.

Running a job twice is harmless: taking and finishing are conditional
UPDATEs, so one revision gets one verdict.
"""
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from forum import redis_jobs
from forum.services import screening, verdicts
from moderation.policy import unavailable_verdict
from moderation.verdict import ReviewContext, Verdict
from models import Post, PostRevision, db, transactions
from models.base import utcnow
from models.screening_jobs import JobState, ScreeningJob

log = logging.getLogger(__name__)
SWEEP_BATCH = 500  # a sweep hands out at most this many jobs; the next sweep takes the rest
# How often a request checks for its verdict without Redis to wake it: soon, then less often.
POLL_FIRST_S, POLL_MOST_S = 0.005, 0.1


@dataclass(frozen=True)
class SweepReport:
    requeued: list[int]
    held: list[int]


def accept(post: Post, revision: PostRevision, *, established: bool = False) -> ScreeningJob:
    """The job that will screen ``revision``, added to the caller's transaction (which commits both)."""
    job = ScreeningJob(post=post, revision=revision, established=established)
    db.session.add(job)
    return job


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.current_thread().name}"[:120]


def run(job_id: int) -> bool:
    """Take the job, screen its revision under the deadline, store the verdict; True if this call stored it.

    Any failure after taking it gives the job back for the sweep (or, if the database itself is
    gone, leaves it running until the sweep finds it stale): it is never lost.
    """
    taken = ScreeningJob.take(job_id, worker_name())
    db.session.commit()
    if not taken:
        return False
    try:
        job = ScreeningJob.with_what_it_screens(job_id)
        verdict, latency_ms = screen_revision(job.post, job.revision, established=job.established)
        return store(job_id, verdict, latency_ms)
    except Exception as error:
        log.exception("screening job %s failed; the recovery sweep will hand it out again", job_id)
        _give_back(job_id, f"{type(error).__name__}: {error}")
        return False


def screen_revision(post: Post, revision: PostRevision, *, established: bool) -> tuple[Verdict, float]:
    """What the engine says about one revision, with the deadline screening has everywhere."""
    return screening.screen_text(screening.text_of(post, revision.body_markdown), context_for(post, established=established))


def context_for(post: Post, *, established: bool) -> ReviewContext:
    """What the engine may know; for an established author rules about new members stay silent."""
    context = screening.context_for(post.author, post.thread.board, is_reply=not post.is_opening)
    return replace(context, author_published_posts=None) if established else context


def store(job_id: int, verdict: Verdict, latency_ms: float) -> bool:
    """Apply the verdict and finish the job in one transaction; False (nothing written) if it was done already."""
    if not ScreeningJob.finish(job_id):
        db.session.rollback()
        return False
    job = db.session.get(ScreeningJob, job_id)
    landed = verdicts.apply(job.post, job.revision, verdict, latency_ms)
    job.record_id = job.post.screenings[-1].id
    db.session.commit()
    _verdict_landed(job_id)
    verdicts.announce(landed)
    return True


def _give_back(job_id: int, error: str) -> None:
    try:
        db.session.rollback()
        ScreeningJob.give_back(job_id, error)
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("could not give screening job %s back; the sweep will find it stale", job_id)


def recover(now: datetime | None = None) -> SweepReport:
    """Queue again every job untouched for SCREENING_RECOVER_AFTER_S (the caller dispatches them); hold
    for a moderator the posts whose job is out of attempts.

    A job is out of attempts after SCREENING_MAX_ATTEMPTS tries that failed (a worker died on it or
    gave it back), or once it has waited SCREENING_MAX_ATTEMPTS x SCREENING_RECOVER_AFTER_S without
    a worker finishing it (Redis down, no worker running). Merely waiting in a busy queue is not a
    failed try, so slow workers do not turn posts into holds. Running the sweep in many places at
    once is safe, because requeueing and finishing are conditional.
    """
    config = current_app.config
    now = now or utcnow()
    recover_after = timedelta(seconds=config["SCREENING_RECOVER_AFTER_S"])
    most = config["SCREENING_MAX_ATTEMPTS"]
    requeued, held = [], []
    for job in ScreeningJob.stale(now - recover_after, SWEEP_BATCH):
        if job.attempts >= most or job.created_at < now - recover_after * most:
            if _hold_unscreened(job):
                held.append(job.post_id)
        elif ScreeningJob.requeue(job.id, job.touched_at, failed=job.state == JobState.RUNNING or bool(job.last_error)):
            db.session.commit()
            requeued.append(job.id)
        else:
            db.session.rollback()
    if requeued or held:
        log.warning("screening sweep: %d job(s) handed out again, %d post(s) held unscreened", len(requeued), len(held))
    return SweepReport(requeued=requeued, held=held)


def _hold_unscreened(job: ScreeningJob) -> bool:
    """Fail closed and visible: the post waits for a person with the reason "screening unavailable"."""
    problem = f"no verdict after {job.attempts} attempt(s) in {(utcnow() - job.created_at).total_seconds():.0f} s" + (
        f"; last error: {job.last_error}" if job.last_error else ""
    )
    verdict = unavailable_verdict(problem, ruleset_version=screening.active_ruleset().version)
    return store(job.id, verdict, 0.0)


def wait_for_verdict(job_id: int, timeout_s: float) -> bool:
    """Wait up to ``timeout_s`` for the job's verdict; True if it is stored.

    The waiter wakes the moment the verdict is stored: through an event when this process stored
    it, through Redis (``redis_jobs.wait_screened``) when an RQ worker did. The job's row is the
    truth, and is read again after every wake-up (and at least every second), so a lost wake-up
    (Redis away for a moment) costs a poll, never the verdict.
    """
    waiters = _waiters()
    event = waiters.setdefault(job_id, threading.Event())
    deadline, pause = time.monotonic() + timeout_s, POLL_FIRST_S
    through_redis = current_app.config["SCREENING_ON_RQ"]
    try:
        while True:
            transactions.end_read()  # so the next read sees other workers' commits
            state = db.session.scalar(select(ScreeningJob.state).where(ScreeningJob.id == job_id))
            remaining = deadline - time.monotonic()
            if state == JobState.DONE.value or remaining <= 0:
                return state == JobState.DONE.value
            if through_redis:
                try:
                    redis_jobs.wait_screened(job_id, remaining)
                except redis_jobs.QueueUnavailable:
                    through_redis = False  # poll the row for the rest of the wait
            else:
                event.wait(min(remaining, pause))
            pause = min(pause * 1.5, POLL_MOST_S)
    finally:
        waiters.pop(job_id, None)


def _waiters() -> dict[int, threading.Event]:
    return current_app.extensions.setdefault("harbour.verdict_waiters", {})


def _verdict_landed(job_id: int) -> None:
    """Wake whoever waits for this verdict: a request of this process, or (scaled mode) of any."""
    event = _waiters().get(job_id)
    if event is not None:
        event.set()
    if current_app.config["SCREENING_ON_RQ"]:
        redis_jobs.announce_screened(job_id)
