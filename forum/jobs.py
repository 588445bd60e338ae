"""Running admin jobs (backtests, re-screens) in the background.

Embedded mode: the request stores a ``Job`` row and starts a daemon thread that
runs one function from ``forum.tasks`` inside its own app context, writing its
progress to the row as it goes; pages and the API only read the row. Scaled
mode (REDIS_URL): the same function runs on an RQ worker from the ``admin`` queue. Jobs are
admin-sized (a backtest of 10,000 posts takes seconds), so a thread is enough
on one machine. A job whose process stops mid-way stays ``running`` with its
last progress; an admin simply starts it again.
"""
import logging
import threading
from typing import Callable

from flask import Flask, current_app

from forum import redis_jobs

from models import db
from models.base import utcnow
from models.jobs import Job, JobStatus

log = logging.getLogger(__name__)

Task = Callable[[Job, Callable[[int], None]], dict]


def start(job: Job, task: Task) -> Job:
    """Store the job and run ``task(job, report_progress)`` in the background; its return is the result.

    With REDIS_URL it goes to the RQ ``admin`` queue, for a worker that holds the model; if Redis
    cannot be reached the job is marked failed at once, saying so, and can simply be started again.
    """
    db.session.add(job)
    db.session.commit()
    app = current_app._get_current_object()
    if app.config["SCREENING_ON_RQ"]:
        try:
            redis_jobs.enqueue(redis_jobs.ADMIN, run_queued, job.id, task)
        except redis_jobs.QueueUnavailable as error:
            job.status, job.error, job.finished_at = JobStatus.FAILED.value, f"Not started: {error}", utcnow()
            db.session.commit()
    else:
        threading.Thread(target=_run, args=(app, job.id, task), name=f"harbour-job-{job.id}", daemon=True).start()
    return job


def run_queued(job_id: int, task: Task) -> None:
    """What an RQ worker runs for an admin job."""
    _run(current_app._get_current_object(), job_id, task)


def _run(app: Flask, job_id: int, task: Task) -> None:
    with app.app_context():
        job = db.session.get(Job, job_id)
        job.status, job.started_at = JobStatus.RUNNING.value, utcnow()
        db.session.commit()

        def report_progress(done: int) -> None:
            job.done = done
            db.session.commit()

        try:
            result = task(job, report_progress)
        except Exception as error:
            log.exception("job %s failed", job_id)
            db.session.rollback()
            job.status, job.error = JobStatus.FAILED.value, f"{type(error).__name__}: {error}"
        else:
            job.status, job.result = JobStatus.DONE.value, result
        job.finished_at = utcnow()
        db.session.commit()
        db.session.remove()
