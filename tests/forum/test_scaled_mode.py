"""Scaled mode (REDIS_URL): web processes enqueue on RQ and never screen; workers hold the model.

These use the real Redis at 127.0.0.1:6379, each run under its own queue prefix.
"""
import threading
import time
import uuid
from datetime import timedelta

import pytest
import redis
import sqlalchemy as sa

from forum import create_app, redis_jobs, workers
from forum.services import posts, screening, screening_jobs
from models import Board, Job, JobStatus, JobState, Post, PostStatus, ScreeningJob, User, db
from models.base import utcnow
from tests.conftest import TEST_SETTINGS

REDIS_URL = "redis://127.0.0.1:6379/0"
NO_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there: Redis "down"
EVERYDAY = "We baked bread at my nan's today and it actually rose. Small wins!"


@pytest.fixture
def scaled(app, make_member):
    """A web app and a worker app on one database and one queue prefix; the queues are emptied after."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("needs Redis at 127.0.0.1:6379")
    settings = {"REDIS_URL": REDIS_URL, "SCREENING_ON_RQ": True, "RQ_QUEUE_PREFIX": f"harbour-test-{uuid.uuid4().hex[:8]}:",
                "SCREENING_WAIT_S": 0.2, "SCREENING_WORKERS": 2}
    make_member("river")
    same_database = {key: app.config[key] for key in ("SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS")}
    app.config.update(settings)
    worker = create_app(TEST_SETTINGS | same_database | settings)
    yield app, worker
    with worker.app_context():
        db.engine.dispose()
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{settings['RQ_QUEUE_PREFIX']}*"):
        client.delete(key)
    for key in client.scan_iter(f"rq:queue:{settings['RQ_QUEUE_PREFIX']}*"):
        client.delete(key)


def run_worker_until_idle(worker_app):
    with worker_app.app_context():
        workers.run_rq_worker(worker_app, redis_jobs.QUEUES, burst=True)


def new_thread(app):
    with app.app_context():
        _, post = posts.create_thread(Board.find_by_slug("coping"), User.find_by_handle("river"), "Bread", EVERYDAY)
        return post.id, post.status


def status_of(app, post_id):
    with app.app_context():
        return db.session.get(Post, post_id).status


def test_the_web_process_enqueues_and_a_worker_with_the_model_screens(scaled):
    web, worker = scaled
    with web.app_context():
        assert not screening.runs_model_here()
    post_id, status = new_thread(web)
    assert status == PostStatus.PENDING.value  # no worker running yet: the author sees "being checked"
    run_worker_until_idle(worker)
    assert status_of(web, post_id) == PostStatus.PUBLISHED.value
    with worker.app_context():
        assert screening.runs_model_here()
        job = db.session.scalar(sa.select(ScreeningJob))
        assert job.state == JobState.DONE.value and job.worker


def test_with_redis_down_posts_are_accepted_durably_and_screened_when_it_returns(scaled, log_in):
    web, worker = scaled
    web.config["REDIS_URL"] = NO_REDIS_URL
    web.extensions.pop(redis_jobs._CONNECTION, None)
    client = web.test_client()
    log_in(client, "river")
    response = client.post("/b/coping/new", data={"title": "Bread", "body": EVERYDAY}, follow_redirects=True)
    assert response.status_code == 200
    assert "is being checked" in response.get_data(as_text=True)
    with web.app_context():
        post = db.session.scalar(sa.select(Post))
        post_id = post.id
        assert post.status == PostStatus.PENDING.value
    with web.app_context():
        workers.sweep_once(utcnow() + timedelta(seconds=90))  # still down: queued again in the database only
        assert db.session.get(Post, post_id).status == PostStatus.PENDING.value

    web.config["REDIS_URL"] = REDIS_URL
    web.extensions.pop(redis_jobs._CONNECTION, None)
    with web.app_context():
        assert workers.sweep_once(utcnow() + timedelta(seconds=100)).requeued
    run_worker_until_idle(worker)
    assert status_of(web, post_id) == PostStatus.PUBLISHED.value


def test_with_redis_down_a_draft_check_or_a_sign_up_says_so_instead_of_failing(scaled, api, password):
    web, _ = scaled
    river = api.as_member("river")
    web.config.update(REDIS_URL=NO_REDIS_URL, SCREENING_TIMEOUT_S=1)
    web.extensions.pop(redis_jobs._CONNECTION, None)
    response = river("POST", "/screen", json={"text": EVERYDAY})
    assert response.status_code == 200
    assert response.get_json()["action"] == "hold"
    sign_up = api("POST", "/users", json={"handle": "sprout", "password": password})
    assert sign_up.status_code == 422
    assert "couldn't check" in sign_up.get_json()["error"]["fields"]["handle"]


def test_admin_jobs_go_to_the_admin_queue_and_say_so_when_it_is_unreachable(scaled):
    from forum.services import jobs
    from models import RuleSetVersion

    web, worker = scaled
    with web.app_context():
        keeper, version = User.find_by_handle("river"), db.session.scalar(sa.select(RuleSetVersion))
        queued = jobs.start_backtest(keeper, version, limit=10)
        assert queued.status == JobStatus.QUEUED.value
        assert redis_jobs.queue(redis_jobs.ADMIN).count == 1
        web.config["REDIS_URL"] = NO_REDIS_URL
        web.extensions.pop(redis_jobs._CONNECTION, None)
        refused = jobs.start_backtest(keeper, version, limit=10)
        assert refused.status == JobStatus.FAILED.value and "Not started" in refused.error
        queued_id = queued.id
    run_worker_until_idle(worker)
    with web.app_context():
        assert db.session.get(Job, queued_id).status == JobStatus.DONE.value


def test_a_request_waiting_for_its_verdict_is_woken_through_redis_not_by_polling(scaled):
    web, worker = scaled
    web.config["SCREENING_WAIT_S"] = 0  # accept and answer at once; the wait below is the request's wait
    post_id, _ = new_thread(web)
    reads, outcome = [], {}

    def note(connection, cursor, statement, *args):
        if "screening_jobs.state" in statement:
            reads.append(statement)

    def wait_as_the_request_does(job_id):
        with web.app_context():
            started = time.monotonic()
            outcome["stored"] = screening_jobs.wait_for_verdict(job_id, 60)
            outcome["waited_s"] = time.monotonic() - started

    with web.app_context():
        job_id = db.session.scalar(sa.select(ScreeningJob.id))
        assert not redis_jobs.wait_screened(job_id, 0.05)  # nothing announced yet
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    waiter = threading.Thread(target=wait_as_the_request_does, args=(job_id,))
    try:
        waiter.start()
        run_worker_until_idle(worker)  # RQ wants the main thread
        waiter.join(60)
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    assert outcome["stored"] and status_of(web, post_id) == PostStatus.PUBLISHED.value
    # Read once before the wake-up, once after it, and once a second while the worker screened; a poll
    # every few milliseconds would read it dozens of times.
    assert len(reads) <= 2 + int(outcome["waited_s"])
