"""RQ on Redis, for scaled deployments (REDIS_URL set): the ``screening`` and ``admin`` queues.

Web processes only enqueue; ``flask --app wsgi worker`` processes hold the
classifier and run the jobs. Redis carries no truth: screening jobs live in the
database and the sweep hands out again any that Redis lost or never received.
"""
import logging
import math
import time

from flask import current_app
from redis import Redis
from rq import Queue
from rq.results import Result

SCREENING = "screening"
ADMIN = "admin"
QUEUES = (SCREENING, ADMIN)  # the order a worker serves them in: screening first
_CONNECTION = "harbour.redis"
SCREENED_KEY_TTL_S = 60  # a wake-up nobody waited for goes away by itself
log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """Redis could not be reached, or no worker answered in time; the message says which."""


def connection() -> Redis:
    """One client per app, with short timeouts, so a Redis outage costs a request a second, not a minute."""
    client = current_app.extensions.get(_CONNECTION)
    if client is None:
        client = current_app.extensions[_CONNECTION] = Redis.from_url(
            current_app.config["REDIS_URL"], socket_connect_timeout=1, socket_timeout=5
        )
    return client


def queue(name: str) -> Queue:
    """The named queue, under RQ_QUEUE_PREFIX (so several deployments, or test runs, can share one Redis)."""
    return Queue(current_app.config["RQ_QUEUE_PREFIX"] + name, connection=connection())


def enqueue(name: str, function, *args, at_front: bool = False) -> None:
    try:
        queue(name).enqueue(function, *args, at_front=at_front, result_ttl=60, failure_ttl=86400)
    except Exception as error:  # redis raises ConnectionError, TimeoutError and friends
        raise QueueUnavailable(f"the {name} queue is unreachable: {type(error).__name__}: {error}") from error


def announce_screened(job_id: int) -> None:
    """Wake the request waiting for this screening job's verdict, whichever process it is in."""
    key = _screened_key(job_id)
    try:
        connection().pipeline().rpush(key, 1).expire(key, SCREENED_KEY_TTL_S).execute()
    except Exception:  # the waiter also checks the database, so a lost wake-up only costs it a poll
        log.warning("could not announce that screening job %s is done", job_id, exc_info=True)


def wait_screened(job_id: int, timeout_s: float) -> bool:
    """Block up to ``timeout_s`` (at most a second) for ``announce_screened(job_id)``; True if it came."""
    try:
        return connection().blpop([_screened_key(job_id)], timeout=min(max(timeout_s, 0.001), 1.0)) is not None
    except Exception as error:
        raise QueueUnavailable(f"Redis is unreachable: {type(error).__name__}: {error}") from error


def _screened_key(job_id: int) -> str:
    return f"{current_app.config['RQ_QUEUE_PREFIX']}harbour:screened:{job_id}"


def call(function, *args, timeout_s: float):
    """Run ``function(*args)`` on a worker, first in line, and return its result within ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    try:
        job = queue(SCREENING).enqueue(function, *args, at_front=True, result_ttl=60, ttl=math.ceil(timeout_s))
        result = None
        while result is None and time.monotonic() < deadline:
            result = job.latest_result(timeout=1)  # blocks at most a second, inside the socket timeout
    except Exception as error:
        raise QueueUnavailable(f"the screening queue is unreachable: {type(error).__name__}: {error}") from error
    if result is None:
        raise QueueUnavailable(f"no screening worker answered within {timeout_s:g} s")
    if result.type != Result.Type.SUCCESSFUL:
        raise QueueUnavailable(f"the screening worker failed: {result.exc_string}")
    return result.return_value
