"""Who runs screening jobs in this process, and the sweep that finds the ones nobody ran.

Embedded mode (SCREENING_ON_RQ off): SCREENING_WORKERS threads in this process take
job ids from an in-memory queue; SCREENING_WORKERS=0 runs each job in the
thread that accepted it, right after its commit (tests and one-off commands).
Scaled mode (SCREENING_ON_RQ, on wherever REDIS_URL is): jobs go to the RQ ``screening`` queue, and
``flask --app wsgi worker`` processes, which hold the model, run them.
Either queue may lose a job (a process dies, Redis restarts): that is fine,
because the job rows are the truth and the sweep hands out again whatever was lost.

Every process that serves or screens also runs the sweep, on start-up and
every SCREENING_SWEEP_INTERVAL_S; the same sweep checks response-time targets
(``forum.services.target_alerts``) and alerts before one is missed, reminds
moderators of supervision sessions, and prompts this week's wellbeing check-in.
"""
import logging
import queue
import threading
import time
from datetime import datetime

import redis
from flask import Flask, current_app

from forum import redis_jobs
from forum.services import contagion, screening, screening_jobs, supervision_sessions, target_alerts, wellbeing_checkins
from models import db

log = logging.getLogger(__name__)
_POOL = "harbour.screening_pool"
REDIS_RETRY_S = 2


class ThreadPool:
    """Screening threads and one sweeper thread for one app, in this process."""

    def __init__(self, app: Flask, workers: int, *, sweep: bool = True):
        self.app = app
        self.jobs: queue.Queue[int | None] = queue.Queue()
        self.stopping = threading.Event()
        self.threads = [
            threading.Thread(target=self._work, name=f"harbour-screening-{n}", daemon=True) for n in range(workers)
        ]
        if sweep:
            self.threads.append(threading.Thread(target=self._sweep, name="harbour-sweep", daemon=True))
        for thread in self.threads:
            thread.start()

    def submit(self, job_id: int) -> None:
        self.jobs.put(job_id)

    def stop(self, timeout_s: float = 5) -> None:
        """Finish the job in hand, then stop (tests; a process that exits simply leaves the rest to the sweep)."""
        self.stopping.set()
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join(timeout_s)

    def _work(self) -> None:
        with self.app.app_context():
            _warm_classifier()
        while not self.stopping.is_set():
            job_id = self.jobs.get()
            if job_id is None:
                return
            with self.app.app_context():
                screening_jobs.run(job_id)

    def _sweep(self) -> None:
        interval = self.app.config["SCREENING_SWEEP_INTERVAL_S"]
        while not self.stopping.is_set():
            with self.app.app_context():
                sweep_once()
                for task in PERIODIC:
                    run_periodic(task)
            self.stopping.wait(interval)


def sweep_once(now: datetime | None = None) -> screening_jobs.SweepReport | None:
    """One recovery sweep, handing out what it queued again; a failure (the database briefly away)
    is logged and the next sweep tries again."""
    try:
        report = screening_jobs.recover(now)
    except Exception:
        log.exception("the screening sweep failed; it runs again in SCREENING_SWEEP_INTERVAL_S")
        return None
    for job_id in report.requeued:
        dispatch(job_id)
    return report


# Besides screening, the sweep alerts before response targets are missed, sends care reminders, and ends the
# contagion guard's clusters whose window has passed (undoing the guard's own actions on them).
PERIODIC = (target_alerts.check_targets, supervision_sessions.send_reminders, wellbeing_checkins.send_prompts,
            contagion.sweep)


def run_periodic(task) -> None:
    """One periodic task; a failure is logged and rolled back, and the next sweep tries again."""
    try:
        task()
    except Exception:
        log.exception("%s failed; the next sweep tries again", task.__qualname__)
        db.session.rollback()


def _warm_classifier() -> None:
    """Load the model before the first job, so the first author does not wait for it."""
    if screening.live_classifier_failure() is not None:
        log.error("the live classifier does not load; screening will hold every post for a moderator")


def start(app: Flask) -> ThreadPool | None:
    """Start this process's sweeper, and in embedded mode its screening threads, once (None: inline mode).

    Scaled mode runs no screening threads here: RQ workers screen.
    """
    pool = app.extensions.get(_POOL)
    if pool is None and (app.config["SCREENING_ON_RQ"] or app.config["SCREENING_WORKERS"] > 0):
        threads = 0 if app.config["SCREENING_ON_RQ"] else app.config["SCREENING_WORKERS"]
        pool = app.extensions[_POOL] = ThreadPool(app, threads)
    return pool


def stop(app: Flask) -> None:
    pool = app.extensions.pop(_POOL, None)
    if pool is not None:
        pool.stop()


def dispatch(job_id: int) -> bool:
    """Hand a committed job to a worker: True if handed out. Never raises: the sweep hands out again
    any job that did not reach a worker (Redis down, say), so the caller need not wait for it."""
    app = current_app._get_current_object()
    try:
        if app.config["SCREENING_ON_RQ"]:
            redis_jobs.enqueue(redis_jobs.SCREENING, run_queued_job, job_id)
        elif app.config["SCREENING_WORKERS"] == 0:
            screening_jobs.run(job_id)
        else:
            start(app).submit(job_id)
    except Exception:
        log.exception("could not hand screening job %s to a worker; the sweep will", job_id)
        return False
    return True


def run_queued_job(job_id: int) -> None:
    """What an RQ worker runs for a screening job, inside the worker's app context."""
    try:
        screening_jobs.run(job_id)
    finally:
        db.session.remove()


def run_rq_worker(app: Flask, queues: tuple[str, ...], *, burst: bool = False) -> None:
    """Serve the RQ queues with the classifier loaded here, plus this process's recovery sweep.

    A Redis outage at start-up is waited out (RQ itself reconnects once it is working); ``burst``
    stops when the queues are empty, for tests and chaos runs.
    """
    from rq import SimpleWorker  # no fork per job: the model stays loaded in this process

    screening.become_model_process(app)
    _warm_classifier()
    if not burst:
        start(app)
    while True:
        try:
            worker = SimpleWorker([redis_jobs.queue(name) for name in queues], connection=redis_jobs.connection())
            worker.work(burst=burst, with_scheduler=False)
            return
        except redis.exceptions.ConnectionError as error:
            if burst:
                raise
            log.warning("Redis is unreachable (%s); trying again in %s s", error, REDIS_RETRY_S)
            time.sleep(REDIS_RETRY_S)
