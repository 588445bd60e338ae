"""Screening as a durable job: the invariant "no revision stays pending unseen", under each fault.

Each test breaks the path between "accepted" and "screened" in one way, then
checks the invariant (every pending post has an unfinished job the sweep will
hand out again) and that the sweep brings the post to a verdict.
"""
import threading
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from forum import workers
from forum.services import posts, screening_jobs
from models import Board, ItemKind, JobState, Post, PostStatus, QueueItem, ScreeningJob, ScreeningRecord, User, db
from models.base import utcnow
from models.screening_jobs import pending_posts_without_live_job
from moderation.policy import UNAVAILABLE_RULE_ID
from tests.sql_trace import COMMIT, recorded_sql

EVERYDAY = "We baked bread at my nan's today and it actually rose. Small wins!"


@pytest.fixture
def ctx(app, make_member):
    make_member("river")
    with app.app_context():
        yield {"board": Board.find_by_slug("coping"), "river": User.find_by_handle("river")}


def later(seconds: float = 90):
    """A moment past the recovery age (60 s), as the sweep would see it."""
    return utcnow() + timedelta(seconds=seconds)


def job_of(post: Post) -> ScreeningJob:
    db.session.rollback()
    return ScreeningJob.for_revision(post.revisions[-1].id)


def assert_nothing_pending_unseen():
    assert pending_posts_without_live_job() == []


@pytest.fixture
def lost_dispatch(monkeypatch):
    """The process dies right after the accepting commit: no worker ever hears of the job."""
    monkeypatch.setattr(workers, "dispatch", lambda job_id: None)
    yield
    monkeypatch.undo()


def test_a_post_whose_dispatch_was_lost_is_screened_by_the_sweep(ctx, lost_dispatch, monkeypatch):
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    assert post.status == PostStatus.PENDING.value
    assert job_of(post).state == JobState.QUEUED.value
    assert_nothing_pending_unseen()

    monkeypatch.undo()
    assert workers.sweep_once().requeued == []  # too young: a worker may still be on its way
    report = workers.sweep_once(later())
    assert report.requeued == [job_of(post).id]
    db.session.refresh(post)
    assert post.status == PostStatus.PUBLISHED.value
    assert job_of(post).state == JobState.DONE.value


def test_a_worker_killed_mid_job_leaves_the_job_running_and_the_sweep_takes_it_back(ctx, lost_dispatch, monkeypatch):
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    job = job_of(post)
    assert ScreeningJob.take(job.id, "a worker about to be killed")
    db.session.commit()
    assert_nothing_pending_unseen()  # running counts as alive until it is stale

    monkeypatch.undo()
    workers.sweep_once(later())
    db.session.refresh(post)
    assert post.status == PostStatus.PUBLISHED.value
    assert len(post.screenings) == 1


class DropOnce:
    """Break the connection the first time a verdict is written, as a database restart would."""

    def __init__(self):
        self.dropped = False

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        if not self.dropped and statement.lstrip().upper().startswith("INSERT INTO SCREENING_RECORDS"):
            self.dropped = True
            raise OperationalError(statement, parameters, Exception("server closed the connection unexpectedly"))


def test_a_connection_dropped_while_storing_the_verdict_leaves_no_half_verdict(ctx):
    drop = DropOnce()
    sa.event.listen(db.engine, "before_cursor_execute", drop)
    try:
        _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", drop)
    assert drop.dropped
    job = job_of(post)
    assert (post.status, job.state) == (PostStatus.PENDING.value, JobState.QUEUED.value)
    assert "server closed the connection" in job.last_error
    assert db.session.scalar(sa.select(sa.func.count(ScreeningRecord.id))) == 0
    assert_nothing_pending_unseen()

    workers.sweep_once(later())
    db.session.refresh(post)
    assert post.status == PostStatus.PUBLISHED.value
    assert db.session.scalar(sa.select(sa.func.count(ScreeningRecord.id))) == 1


def test_a_really_terminated_postgresql_connection_is_recovered_too(ctx, monkeypatch):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("needs PostgreSQL (HARBOUR_TEST_DATABASE_URL) to terminate a real server connection")
    original = screening_jobs.screen_revision

    def screen_then_lose_the_connection(post, revision, *, established):
        result = original(post, revision, established=established)
        pid = db.session.scalar(sa.text("SELECT pg_backend_pid()"))
        with sa.create_engine(db.engine.url).connect() as other:
            other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return result

    monkeypatch.setattr(screening_jobs, "screen_revision", screen_then_lose_the_connection)
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    monkeypatch.undo()
    db.session.rollback()
    assert db.session.get(Post, post.id).status == PostStatus.PENDING.value
    assert_nothing_pending_unseen()
    workers.sweep_once(later())
    assert db.session.get(Post, post.id).status == PostStatus.PUBLISHED.value


def test_two_workers_taking_the_same_job_store_one_verdict(app, ctx, lost_dispatch):
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    job_id = job_of(post).id
    # The first worker stalls long enough for the sweep to hand its job to a second one.
    assert ScreeningJob.take(job_id, "first")
    db.session.commit()
    touched = job_of(post).touched_at
    assert ScreeningJob.requeue(job_id, touched, failed=True) and ScreeningJob.take(job_id, "second")
    assert not ScreeningJob.take(job_id, "third")  # only one worker holds a job at a time
    db.session.commit()

    verdict, latency_ms = screening_jobs.screen_revision(post, post.revisions[-1], established=False)
    start, stored = threading.Barrier(2), []

    def finish_as_a_worker():
        with app.app_context():
            start.wait()
            stored.append(screening_jobs.store(job_id, verdict, latency_ms))

    both = [threading.Thread(target=finish_as_a_worker) for _ in range(2)]
    for thread in both:
        thread.start()
    for thread in both:
        thread.join(30)
    assert sorted(stored) == [False, True]
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(ScreeningRecord.id))) == 1
    assert screening_jobs.store(job_id, verdict, latency_ms) is False  # and a late re-run changes nothing


def test_after_its_last_attempt_the_post_is_held_for_a_moderator_as_screening_unavailable(make_app, make_member):
    app = make_app(SCREENING_MAX_ATTEMPTS=2)
    make_member("river")
    with app.app_context():
        board, river = Board.find_by_slug("coping"), User.find_by_handle("river")

        def broken(post, revision, *, established):
            raise RuntimeError("the engine fell over")

        original, screening_jobs.screen_revision = screening_jobs.screen_revision, broken
        try:
            _, post = posts.create_thread(board, river, "Bread", EVERYDAY)  # attempt 1
            assert workers.sweep_once(later()).requeued  # attempt 2 fails too
            report = workers.sweep_once(later(100))
        finally:
            screening_jobs.screen_revision = original
        assert report.held == [post.id]
        db.session.refresh(post)
        assert post.status == PostStatus.HELD.value
        item = QueueItem.for_post(post)
        assert item.kind == ItemKind.SCREENING.value
        assert [reason.code for reason in item.reasons] == [UNAVAILABLE_RULE_ID]
        assert "no verdict after 2 attempt(s)" in post.latest_screening.explanation_for_moderators
        assert_nothing_pending_unseen()


def test_waiting_in_a_busy_queue_uses_no_attempts_but_a_job_nobody_takes_is_held_in_the_end(ctx, lost_dispatch):
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    assert workers.sweep_once(later()).requeued == [job_of(post).id]
    assert job_of(post).attempts == 1  # handed out again, but no worker failed on it
    # Nobody takes it for SCREENING_MAX_ATTEMPTS x SCREENING_RECOVER_AFTER_S (3 x 60 s): a person must look.
    assert workers.sweep_once(later(3 * 60 + 30)).held == [post.id]
    db.session.refresh(post)
    assert post.status == PostStatus.HELD.value
    assert_nothing_pending_unseen()


def test_an_edit_overtaken_by_a_newer_one_does_not_decide_the_post(ctx, lost_dispatch, monkeypatch):
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    first = job_of(post).id
    posts.edit_post(post, ctx["river"], EVERYDAY + " Edited.")
    second = job_of(post).id
    monkeypatch.undo()
    assert screening_jobs.run(second) and screening_jobs.run(first)
    db.session.refresh(post)
    assert post.status == PostStatus.PUBLISHED.value
    assert [record.revision_id for record in post.screenings] == [post.revisions[1].id, post.revisions[0].id]


def test_the_thread_worker_screens_while_the_request_waits(make_app, make_member):
    app = make_app(SCREENING_WORKERS=1, SCREENING_WAIT_S=30)
    make_member("river")
    try:
        with app.app_context():
            board, river = Board.find_by_slug("coping"), User.find_by_handle("river")
            _, post = posts.create_thread(board, river, "Bread", EVERYDAY)
            assert post.status == PostStatus.PUBLISHED.value
            assert job_of(post).worker.endswith("harbour-screening-0")
    finally:
        workers.stop(app)


def test_past_the_wait_the_author_sees_being_checked_and_the_page_learns_the_verdict(
    make_app, make_member, log_in, monkeypatch
):
    app = make_app(SCREENING_WORKERS=1, SCREENING_WAIT_S=0.05)
    make_member("river")
    release = threading.Event()
    original = screening_jobs.screen_revision

    def slow(post, revision, *, established):
        release.wait(30)
        return original(post, revision, established=established)

    monkeypatch.setattr(screening_jobs, "screen_revision", slow)
    client = app.test_client()
    log_in(client, "river")
    try:
        response = client.post("/b/coping/new", data={"title": "Bread", "body": EVERYDAY}, follow_redirects=True)
        assert "is being checked" in response.get_data(as_text=True)
        with app.app_context():
            post_id = db.session.scalar(sa.select(Post.id))
        assert f'data-pending-url="/p/{post_id}/state"' in response.get_data(as_text=True)
        assert client.get(f"/p/{post_id}/state").get_json()["pending"] is True

        release.set()
        for _ in range(300):  # bounded: 30 s at most
            state = client.get(f"/p/{post_id}/state").get_json()
            if not state["pending"]:
                break
            time.sleep(0.1)
        assert state == {"status": "published", "pending": False, "crisis": False, "url": state["url"]}
    finally:
        release.set()
        workers.stop(app)


def test_the_sweep_runs_when_the_workers_start(make_app, make_member, monkeypatch):
    app = make_app(SCREENING_RECOVER_AFTER_S=1)
    make_member("river")
    with app.app_context():
        monkeypatch.setattr(workers, "dispatch", lambda job_id: None)
        _, post = posts.create_thread(Board.find_by_slug("coping"), User.find_by_handle("river"), "Bread", EVERYDAY)
        monkeypatch.undo()
        post_id = post.id
    time.sleep(1.2)  # the job is now stale, as after a restart
    app.config["SCREENING_WORKERS"] = 1
    workers.start(app)
    try:
        with app.app_context():
            for _ in range(300):  # bounded: 30 s at most
                if db.session.get(Post, post_id).status != PostStatus.PENDING.value:
                    break
                db.session.rollback()
                time.sleep(0.1)
            assert db.session.get(Post, post_id).status == PostStatus.PUBLISHED.value
    finally:
        workers.stop(app)


def test_the_sweep_command_says_what_it_did(app, ctx, lost_dispatch):
    app.config["SCREENING_RECOVER_AFTER_S"] = 1
    posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    time.sleep(1.2)
    result = app.test_cli_runner().invoke(args=["screening", "sweep"])
    assert result.exit_code == 0, result.output
    assert "1 job(s) handed out again, 0 post(s) held" in result.output


def test_telling_people_about_a_verdict_costs_no_query_after_its_commit(ctx, lost_dispatch):
    """What the announcements need is read before the commit expires the rows, so the worker does not load
    the job, the post and its screenings again just to say what it has just written."""
    _, post = posts.create_thread(ctx["board"], ctx["river"], "Bread", EVERYDAY)
    job_id = job_of(post).id
    db.session.remove()
    with recorded_sql(db.engine, commits=True) as events:
        assert screening_jobs.run(job_id)
    assert COMMIT in events
    after_the_verdict = events[len(events) - events[::-1].index(COMMIT):]
    assert after_the_verdict == []
    assert db.session.get(Post, post.id).status == PostStatus.PUBLISHED.value
