"""The contagion guard through the forum: posts screened by the real classifier, clusters found as verdicts
land, moderators alerted, slow mode and held posts when admins switch them on, and all of it undone when the
window passes."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import socketio
from forum.services import contagion
from models import AdminAudit, Cluster, ClusterStatus, Notification, Post, QueueItem, Role, SlowMode, db
from models.base import utcnow
from tests.forum.test_admin_jobs_api import finished
from tests.sql_trace import recorded_sql

AFTER_THE_WINDOW = timedelta(hours=25)


@pytest.fixture
def post_as(app, api_on):
    """Post through the API as a member (made on first use): ``post_as("ash", body, thread=7)``, or a new
    thread on ``board`` without ``thread``. Returns the response."""
    callers = {}

    def post(handle, body, *, thread=None, board="coping", title="This week"):
        if handle not in callers:
            callers[handle] = api_on(app, handle)
        caller = callers[handle]
        if thread is None:
            return caller("POST", f"/boards/{board}/threads", {"title": title, "body": body})
        return caller("POST", f"/threads/{thread}/posts", {"body": body})

    return post


def _post_id(response):
    data = response.get_json()
    return data["post"]["id"] if "post" in data else data["id"]


def _settings(admin_api, **changes):
    response = admin_api("PUT", "/admin/contagion/settings", changes)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _comparing_thread(post_as, history):
    opening = post_as("rowan", history.COMPARING_OPENING).get_json()["thread"]["id"]
    replies = [_post_id(post_as(f"comparer{i}", text, thread=opening)) for i, text in enumerate(history.COMPARING)]
    return opening, replies


def test_a_burst_about_one_challenge_alerts_moderators_with_one_item_listing_its_posts(
    app, admin_api, moderator_client, post_as, contagion_history
):
    listening = socketio.test_client(app, namespace="/moderate", flask_test_client=moderator_client)
    for i, text in enumerate(contagion_history.DISTRESSED + contagion_history.EVERYDAY):
        post_as(f"other{i}", text)
    burst = [_post_id(post_as(f"burst{i}", text, board=("coping", "recovery")[i % 2], title="That challenge"))
             for i, text in enumerate(contagion_history.BURST)]

    [cluster] = admin_api("GET", "/admin/contagion").get_json()["active"]
    assert [p["post_id"] for p in cluster["posts"]] == burst
    assert cluster["kind"] == "spread" and cluster["slow_modes"] == []
    alerts = [e for e in listening.get_received("/moderate") if e["name"] == "cluster"]
    assert len(alerts) == 1 and alerts[0]["args"][0]["item_id"] == cluster["queue_item_id"]
    with app.app_context():
        item = db.session.get(QueueItem, cluster["queue_item_id"])
        assert item.kind == "cluster" and item.post_id == burst[0]
        listed = [reason.detail for reason in item.reasons if reason.source == "cluster"]
        assert [f"Post {post_id} " in detail for detail, post_id in zip(listed, burst)] == [True] * 4
        assert AdminAudit.newest_first(target=f"cluster {cluster['id']}")[0].action == "contagion.cluster"
    page = moderator_client.get(f"/moderate/items/{cluster['queue_item_id']}")
    assert page.status_code == 200 and "Contagion guard" in page.get_data(as_text=True)


def test_a_thread_of_comparisons_is_slowed_kindly_and_the_slow_mode_ends_with_the_cluster(
    app, admin_api, moderator_api, post_as, contagion_history
):
    _settings(admin_api, slow_mode=True, slow_mode_minutes=15)
    thread, replies = _comparing_thread(post_as, contagion_history)
    [cluster] = admin_api("GET", "/admin/contagion").get_json()["active"]
    assert cluster["kind"] == "thread" and {p["post_id"] for p in cluster["posts"]} == set(replies)
    [slow] = cluster["slow_modes"]
    assert slow["thread_id"] == thread and slow["minutes"] == 15

    again = post_as("comparer0", contagion_history.SUPPORTIVE, thread=thread)
    assert again.status_code == 429
    assert "once every 15 minutes" in again.get_json()["error"]["message"]
    assert 0 < int(again.headers["Retry-After"]) <= 15 * 60
    assert post_as("newcomer", contagion_history.SUPPORTIVE, thread=thread).status_code == 201  # first post here
    assert post_as("comparer0", contagion_history.EVERYDAY[0]).status_code == 201  # elsewhere is not slowed
    assert moderator_api("POST", f"/threads/{thread}/posts", {"body": contagion_history.SUPPORTIVE}).status_code == 201
    assert moderator_api("POST", f"/threads/{thread}/posts", {"body": "Checking in."}).status_code == 201

    with app.app_context():
        assert contagion.sweep(utcnow() + timedelta(hours=1)) == []  # still inside the window
        assert contagion.sweep(utcnow() + AFTER_THE_WINDOW) == [cluster["id"]]
        assert db.session.get(SlowMode, slow["id"]).end_reason == "cluster ended"
        assert db.session.get(Cluster, cluster["id"]).status == ClusterStatus.ENDED
        actions = [entry.action for entry in AdminAudit.newest_first()]
        assert {"contagion.cluster", "contagion.slow_mode", "contagion.undo"} <= set(actions)
    assert post_as("comparer0", contagion_history.SUPPORTIVE, thread=thread).status_code == 201


def test_the_pages_say_kindly_when_a_slow_mode_asks_a_member_to_wait(
    app, admin_api, client, log_in, post_as, contagion_history
):
    _settings(admin_api, slow_mode=True, slow_mode_minutes=10)
    thread, _ = _comparing_thread(post_as, contagion_history)
    log_in(client, "comparer1")
    page = client.post(f"/t/{thread}/reply", data={"body": contagion_history.SUPPORTIVE})
    assert page.status_code == 429
    assert "once every 10 minutes" in page.get_data(as_text=True)
    assert "Get help now" in page.get_data(as_text=True)


def test_a_post_joining_an_active_cluster_is_held_with_signposts_and_released_when_the_cluster_ends(
    app, admin_api, post_as, contagion_history
):
    _settings(admin_api, hold_joining=True)
    for i, text in enumerate(contagion_history.BURST[:3]):
        post_as(f"burst{i}", text, title="That challenge")
    joining = post_as("latecomer", contagion_history.BURST[3], title="That challenge again")
    post_id = _post_id(joining)
    assert joining.get_json()["post"]["status"] == "held"
    with app.app_context():
        post = db.session.get(Post, post_id)
        item = QueueItem.for_post(post)
        assert item.kind == "screening" and "cluster" in {reason.source for reason in item.reasons}
        assert "self_harm" in post.signposts
        [notice] = Notification.for_user(post.author_id)
        assert "a moderator is reading new posts about it" in notice.message
        assert AdminAudit.newest_first(target=f"post {post_id}")[0].action == "contagion.hold"

        [ended] = contagion.sweep(utcnow() + AFTER_THE_WINDOW)
        db.session.refresh(post)
        assert post.status == "published" and QueueItem.for_post(post).status == "resolved"
        assert "Your post is up now" in Notification.for_user(post.author_id)[0].message
        undo = AdminAudit.newest_first(target=f"cluster {ended}")[0]
        assert undo.action == "contagion.undo" and str(post_id) in undo.diff
        alert = db.session.get(QueueItem, db.session.get(Cluster, ended).queue_item_id)
        assert alert.status == "resolved"


def test_a_post_a_moderator_decided_on_is_left_alone_when_the_cluster_ends(
    app, admin_api, moderator_api, post_as, contagion_history
):
    _settings(admin_api, hold_joining=True)
    for i, text in enumerate(contagion_history.BURST[:3]):
        post_as(f"burst{i}", text, title="That challenge")
    post_id = _post_id(post_as("latecomer", contagion_history.BURST[3], title="Everyone's doing it"))
    with app.app_context():
        item_id = QueueItem.for_post(db.session.get(Post, post_id)).id
    decided = moderator_api("POST", f"/moderation/items/{item_id}/decision", {"decision": "remove"})
    assert decided.status_code == 200, decided.get_json()
    with app.app_context():
        contagion.sweep(utcnow() + AFTER_THE_WINDOW)
        assert db.session.get(Post, post_id).status == "removed"


def test_an_admin_ends_a_slow_mode_early_on_the_page_or_the_api(
    app, admin_api, client, log_in, post_as, contagion_history
):
    _settings(admin_api, slow_mode=True)
    thread, _ = _comparing_thread(post_as, contagion_history)
    log_in(client, "keeper")
    page = client.get("/admin/contagion")
    assert page.status_code == 200 and "End slow mode" in page.get_data(as_text=True)
    [slow] = admin_api("GET", "/admin/contagion").get_json()["active"][0]["slow_modes"]
    assert client.post(f"/admin/contagion/slow-modes/{slow['id']}/end").status_code == 302
    [slow] = admin_api("GET", "/admin/contagion").get_json()["active"][0]["slow_modes"]
    assert slow["ended_at"] and slow["end_reason"] == "ended by an admin"
    assert admin_api("POST", f"/admin/contagion/slow-modes/{slow['id']}/end").status_code == 409
    assert admin_api("POST", "/admin/contagion/slow-modes/9999/end").status_code == 404
    assert post_as("comparer0", contagion_history.SUPPORTIVE, thread=thread).status_code == 201
    with app.app_context():
        entry = AdminAudit.newest_first(target=f"thread {thread}")[0]
        assert entry.actor.handle == "keeper" and "ended by keeper" in entry.note


def test_settings_are_checked_audited_and_switching_the_guard_off_stops_it(
    app, admin_api, post_as, contagion_history
):
    refused = admin_api("PUT", "/admin/contagion/settings", {"min_posts": 0, "similarity": 2, "slow_mode": "yes",
                                                             "colour": "blue"})
    assert refused.status_code == 422
    assert set(refused.get_json()["error"]["fields"]) == {"min_posts", "similarity", "slow_mode", "colour"}
    assert _settings(admin_api, enabled=False)["enabled"] is False
    for i, text in enumerate(contagion_history.BURST):
        post_as(f"burst{i}", text)
    assert admin_api("GET", "/admin/contagion").get_json()["active"] == []
    with app.app_context():
        entry = AdminAudit.newest_first(target="contagion")[0]
        assert entry.action == "contagion.settings" and '-  "enabled": true' in entry.diff


def test_the_settings_page_saves_and_explains_what_is_wrong(admin_client):
    form = {"enabled": "y", "window_hours": 12, "min_posts": 4, "similarity": 0.6, "slow_mode_minutes": 5}
    saved = admin_client.post("/admin/contagion", data=form)
    assert saved.status_code == 302
    page = admin_client.get("/admin/contagion").get_data(as_text=True)
    assert 'value="12"' in page and 'value="0.6"' in page
    wrong = admin_client.post("/admin/contagion", data=form | {"similarity": 0.1})
    assert wrong.status_code == 422 and "Use a number from 0.3 to 0.95." in wrong.get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.MODERATOR])
def test_only_admins_see_or_change_the_guard(api, client, make_member, log_in, role):
    caller = api.as_member(make_member("notadmin", role))
    for method, path, body in [("GET", "/admin/contagion", None), ("PUT", "/admin/contagion/settings", {"enabled": False}),
                               ("POST", "/admin/contagion/slow-modes/1/end", None),
                               ("POST", "/admin/contagion/backtest", {"days": 3})]:
        assert caller(method, path, body).status_code == 403
        assert api(method, path, body).status_code == 401
    log_in(client, "notadmin")
    assert client.get("/admin/contagion").status_code == 403


def test_the_backtest_reports_how_many_clusters_past_posts_would_have_made_and_which(
    app, admin_api, post_as, contagion_history
):
    _settings(admin_api, enabled=False)  # history written while the guard was off: the backtest still finds them
    burst = [_post_id(post_as(f"burst{i}", text)) for i, text in enumerate(contagion_history.BURST)]
    for i, text in enumerate(contagion_history.DISTRESSED):
        post_as(f"other{i}", text)
    with app.app_context():  # as if screened before embeddings were kept: the backtest embeds them itself
        for record in db.session.scalars(db.select(Post).where(Post.id == burst[0])).one().screenings:
            record.embedding = None
        db.session.commit()
    assert admin_api("POST", "/admin/contagion/backtest", {"days": 0}).status_code == 422
    started = admin_api("POST", "/admin/contagion/backtest", {"days": 7})
    assert started.status_code == 202
    job = finished(admin_api, started.get_json()["job_id"])
    assert job["status"] == "done", job
    result = job["result"]
    assert result["count"] == 1 and result["clusters"][0]["post_ids"] == burst
    assert result["embedded_now"] == 1 and result["posts"] == len(burst) + len(contagion_history.DISTRESSED)


def test_a_failing_guard_never_costs_a_post_its_verdict_or_a_crisis_its_alert(
    app, admin_api, moderator_client, post_as, contagion_history, texts, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("the guard fell over")

    monkeypatch.setattr(contagion.engine, "find_clusters", broken)
    listening = socketio.test_client(app, namespace="/moderate", flask_test_client=moderator_client)
    assert post_as("ash", texts.CRISIS).get_json()["post"]["status"] == "held"
    assert [e["name"] for e in listening.get_received("/moderate")] == ["item_new", "crisis"]
    for i, text in enumerate(contagion_history.BURST):
        response = post_as(f"burst{i}", text)
        assert response.status_code == 201 and response.get_json()["post"]["status"] in ("published", "held")
    assert admin_api("GET", "/admin/contagion").get_json()["active"] == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(QueueItem).where(QueueItem.kind == "cluster")) == 0


def _statements_while(app, action) -> list[str]:
    with app.app_context():
        engine = db.engine
    with recorded_sql(engine) as statements:
        action()
    return [statement.lower() for statement in statements]


def test_a_post_without_self_harm_content_costs_the_guard_no_query(app, post_as, contagion_history):
    """Most posts cannot start or join a cluster: their verdict must not pay for a settings read or a savepoint."""
    everyday = "We baked bread at my nan's today and it actually rose. Small wins!"
    statements = _statements_while(app, lambda: post_as("baker", everyday))
    with app.app_context():
        record = db.session.get(Post, db.session.scalar(sa.select(sa.func.max(Post.id)))).latest_screening
        assert not contagion.engine.RecentPost(0, 0, "", 0, utcnow(), False, dict(record.scores)).is_candidate
    assert not [s for s in statements if "contagion_settings" in s or "savepoint" in s]

    distressed = _statements_while(app, lambda: post_as("other", contagion_history.DISTRESSED[0]))
    assert [s for s in distressed if "contagion_settings" in s]
