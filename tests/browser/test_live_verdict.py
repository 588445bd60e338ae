"""A post still being checked, in a real browser: its page switches to the verdict when it lands, over
Socket.IO, and by asking the server when the socket is down.

The post is left waiting by not handing its job to a worker (as when Redis is briefly away), so the
test decides when the verdict lands; the job then runs for real, through the real engine.
"""
import json

import pytest
from playwright.sync_api import expect

from forum import workers
from forum.services import posts, screening_jobs
from models import Board, Post, ScreeningJob, User, db

WAIT_STEPS_MS = 100
WALK = "Went for a walk by the river this morning and it helped a bit."
REPLY = "Thank you all for the ideas yesterday, I tried the breathing one and slept better."


@pytest.fixture
def waiting_reply(live, monkeypatch):
    """willow's thread, and a reply of hers whose screening job waits for ``land()``; returns (thread id, land)."""
    live.member("willow")
    with live.app.app_context():
        willow = User.find_by_handle("willow")
        thread, _ = posts.create_thread(Board.find_by_slug("coping"), willow, "Small wins", WALK)
        monkeypatch.setattr(workers, "dispatch", lambda job_id: False)  # accepted, not yet handed out
        reply = posts.create_reply(thread, willow, REPLY)
        monkeypatch.undo()
        job_id = db.session.scalar(db.select(ScreeningJob.id).where(ScreeningJob.post_id == reply.id))
        thread_id, reply_id = thread.id, reply.id

    def land() -> None:
        with live.app.app_context():
            assert screening_jobs.run(job_id)
            assert db.session.get(Post, reply_id).is_published

    return thread_id, land


def _wait_for(page, condition, what: str) -> None:
    for _ in range(15_000 // WAIT_STEPS_MS):
        if condition():
            return
        page.wait_for_timeout(WAIT_STEPS_MS)
    raise AssertionError(f"waited 15 s for {what}")


def test_the_verdict_arrives_over_the_socket_and_the_page_shows_it(open_as, waiting_reply):
    thread_id, land = waiting_reply
    page = open_as("willow")
    # Every check the page makes by itself is told "still pending": only the socket can bring the news.
    page.route("**/p/*/state", lambda route: route.fulfill(
        content_type="application/json", body=json.dumps({"status": "pending", "pending": True, "crisis": False})
    ))
    frames = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(payload)))
    page.goto(f"/t/{thread_id}")
    expect(page.locator(".status-pending")).to_have_text("Being checked")
    _wait_for(page, lambda: any(str(frame).startswith("40/members") for frame in frames), "the socket to join")

    land()
    expect(page.locator(".status-pending")).to_have_count(0)
    expect(page.locator(".post-body", has_text=REPLY)).to_be_visible()


def test_with_the_socket_down_the_page_asks_and_still_shows_the_verdict(open_as, waiting_reply):
    thread_id, land = waiting_reply
    page = open_as("willow")
    page.route_web_socket("**/socket.io/**", lambda socket: socket.close())
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/state" in request.url else None)
    page.goto(f"/t/{thread_id}")
    expect(page.locator(".status-pending")).to_have_text("Being checked")
    _wait_for(page, lambda: asked, "the page to ask for the post's state")

    land()
    expect(page.locator(".status-pending")).to_have_count(0)
    expect(page.locator(".post-body", has_text=REPLY)).to_be_visible()
