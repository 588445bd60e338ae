"""The contagion guard in the forum: find clusters as verdicts land, act in proportion, undo when they pass.

``observe`` runs in the screening transaction right after a verdict is applied
(``forum.services.verdicts``): it reads the window's stored screenings (scores,
rule findings, embeddings; the model never runs again) and asks the engine
(``moderation.contagion``) for clusters. A new cluster past the admins' size
alerts moderators (a ``cluster`` queue item and a live event) and, when admins
switched them on, slows the thread or boards and holds posts that join it.
``sweep`` (run with the screening sweep) ends clusters whose window has
passed and undoes exactly what the guard did: slow modes end, posts it held that
no moderator has decided on go up. Every automatic action is an audit row.
"""
import logging
import math
from datetime import datetime

from forum import live, messages
from forum.services import InvalidInput, SlowedDown, queue
from moderation import contagion as engine
from moderation.signposting import signposts_for
from moderation.taxonomy import Action
from models import AdminAudit, Board, ItemKind, Post, PostStatus, QueueItem, Thread, User, db
from models.audit import AuditAction
from models.base import utcnow
from models.contagion import Cluster, ClusterPost, ClusterStatus, ContagionSettings, SlowMode, last_post_in
from models.contagion import recent_window, window_start
from models.queue import ItemStatus

log = logging.getLogger(__name__)
LIMITS = {"window_hours": (1, 24 * 14), "min_posts": (2, 100), "slow_mode_minutes": (1, 24 * 60)}
SIMILARITY_RANGE = (0.3, 0.95)
CLUSTER_END = "cluster ended"
ADMIN_END = "ended by an admin"


def engine_settings(settings: ContagionSettings) -> engine.Settings:
    return engine.Settings(window_hours=settings.window_hours, min_posts=settings.min_posts,
                           similarity=settings.similarity)


def as_recent(row) -> engine.RecentPost:
    """A stored screening (``models.contagion.recent_window`` row) as the engine reads it."""
    return engine.RecentPost(
        post_id=row.post_id, thread_id=row.thread_id, board=row.board, author_id=row.author_id,
        created_at=row.created_at, is_reply=not row.is_opening, scores=dict(row.scores or {}),
        rule_categories=_rule_categories(row.findings), embedding=row.embedding,
    )


def _rule_categories(findings: list[dict] | None) -> tuple[str, ...]:
    return tuple(category for finding in findings or [] for category in finding.get("categories", []))


def observe(post: Post) -> None:
    """Look for clusters after ``post``'s verdict was applied, in the caller's transaction. A failure here is
    logged and rolled back to before it (a savepoint), so it never costs the post its verdict.

    A post that cannot start or join a cluster (``engine.can_cluster``; most posts) costs one look at the
    record in hand: no settings read, no savepoint.
    """
    record = post.latest_screening
    if not engine.can_cluster(engine.signals_of(record.scores or {}, _rule_categories(record.findings))):
        return
    settings = ContagionSettings.effective()
    if not settings.enabled:
        return
    waiting = live.snapshot()
    try:
        with db.session.begin_nested():
            _observe(post, settings)
    except Exception:
        live.restore(waiting)  # what screening announced (a crisis alert) still goes; the guard's own do not
        log.exception("the contagion guard could not look at post %s; the next post or sweep looks again", post.id)


def _observe(post: Post, settings: ContagionSettings) -> None:
    recent = [as_recent(row) for row in recent_window(window_start(settings.window_hours))]
    active = {cluster.id: cluster for cluster in Cluster.active()}
    found = engine.find_clusters(recent, engine_settings(settings))
    for cluster_id, cluster in engine.match(found, {i: c.post_ids for i, c in active.items()}):
        if cluster_id is None:
            _start(cluster, settings)
        else:
            _grow(active[cluster_id], cluster, settings, joining=post.id)


def _start(found: engine.Cluster, settings: ContagionSettings) -> Cluster:
    cluster = Cluster(kind=found.kind, status=ClusterStatus.ACTIVE.value, categories=list(found.categories),
                      started_at=found.started_at, last_at=found.last_at, detected_at=utcnow())
    cluster.members = [ClusterPost(post_id=post_id) for post_id in found.post_ids]
    db.session.add(cluster)
    db.session.flush()
    posts = [db.session.get(Post, post_id) for post_id in found.post_ids]
    anchor = next((p for p in posts if not _waiting(p)), posts[0])
    item = queue.enqueue_cluster(anchor, [_detail(p) for p in posts])
    db.session.flush()
    cluster.queue_item_id = item.id
    AdminAudit.record(None, AuditAction.CONTAGION_CLUSTER, f"cluster {cluster.id}",
                      note=f"{len(posts)} posts, {found.kind}", after=found.to_dict())
    if settings.slow_mode:
        for thread, board in _places(found):
            _slow(cluster, thread, board, settings.slow_mode_minutes)
    return cluster


def _grow(cluster: Cluster, found: engine.Cluster, settings: ContagionSettings, *, joining: int) -> None:
    """Add the posts that joined; the one just screened is held when admins chose so and it would be up."""
    new = [post_id for post_id in found.post_ids if post_id not in cluster.post_ids]
    if not new:
        return
    cluster.last_at = max(cluster.last_at, found.last_at)
    cluster.categories = sorted(set(cluster.categories) | set(found.categories))
    item = db.session.get(QueueItem, cluster.queue_item_id) if cluster.queue_item_id else None
    for post_id in new:
        post = db.session.get(Post, post_id)
        member = ClusterPost(post_id=post_id)
        cluster.members.append(member)
        if post_id == joining and settings.hold_joining and post.status == PostStatus.PUBLISHED.value:
            _hold(cluster, member, post)
        elif item is not None and item.status != ItemStatus.RESOLVED.value:
            queue.add_cluster_reasons(item, [_detail(post)])


def _hold(cluster: Cluster, member: ClusterPost, post: Post) -> None:
    member.held = True
    post.signposts = signposts_for(cluster.categories, Action.HOLD.value)
    queue.hold_in_cluster(post, _detail(post))
    AdminAudit.record(None, AuditAction.CONTAGION_HOLD, f"post {post.id}", note=f"joined cluster {cluster.id}")


def _slow(cluster: Cluster, thread: Thread | None, board: Board | None, minutes: int) -> None:
    slow = SlowMode(cluster=cluster, thread=thread, board=board, minutes=minutes, started_at=utcnow())
    db.session.add(slow)
    db.session.flush()
    AdminAudit.record(None, AuditAction.CONTAGION_SLOW_MODE, slow.target,
                      note=f"slow mode on ({minutes} min) for cluster {cluster.id}")


def _places(found: engine.Cluster) -> list[tuple[Thread | None, Board | None]]:
    """A cluster in one thread slows that thread; one that spreads slows each board it reached."""
    if found.kind == engine.THREAD:
        return [(db.session.get(Thread, found.thread_ids[0]), None)]
    return [(None, Board.find_by_slug(slug)) for slug in found.boards]


def _waiting(post: Post) -> bool:
    item = QueueItem.for_post(post)
    return item is not None and item.status != ItemStatus.RESOLVED.value


def _detail(post: Post) -> str:
    return f"Post {post.id} by {post.author.handle} in “{post.thread.title}” ({post.thread.board.slug}), {post.status}"


def sweep(now: datetime | None = None) -> list[int]:
    """End the clusters whose newest post has left the window and undo what the guard did; the ids ended."""
    now = now or utcnow()
    settings = engine_settings(ContagionSettings.effective())
    ended = [cluster for cluster in Cluster.active() if engine.has_ended(cluster.last_at, now, settings)]
    for cluster in ended:
        _end(cluster, now)
    db.session.commit()
    return [cluster.id for cluster in ended]


def _end(cluster: Cluster, now: datetime) -> None:
    undone = {"slow_modes_ended": [], "posts_released": []}
    for slow in cluster.slow_modes:
        if slow.ended_at is None:
            slow.ended_at, slow.end_reason = now, CLUSTER_END
            undone["slow_modes_ended"].append(slow.target)
    for member in cluster.members:
        item = QueueItem.for_post(member.post) if member.held else None
        if item is not None and item.status == ItemStatus.OPEN.value and member.post.status == PostStatus.HELD.value:
            queue.release_from_cluster(item)
            undone["posts_released"].append(member.post_id)
    alert = db.session.get(QueueItem, cluster.queue_item_id) if cluster.queue_item_id else None
    if alert is not None and alert.status == ItemStatus.OPEN.value and alert.kind == ItemKind.CLUSTER.value:
        queue.close_unattended(alert)
    cluster.status, cluster.ended_at = ClusterStatus.ENDED.value, now
    AdminAudit.record(None, AuditAction.CONTAGION_UNDO, f"cluster {cluster.id}", note="the window passed", after=undone)


def end_slow_mode(actor: User, slow: SlowMode) -> SlowMode:
    """An admin lifts a slow mode early; it stays lifted for the rest of that cluster."""
    if slow.ended_at is not None:
        raise InvalidInput({"slow_mode": "This slow mode has already ended."})
    slow.ended_at, slow.end_reason = utcnow(), ADMIN_END
    AdminAudit.record(actor, AuditAction.CONTAGION_SLOW_MODE, slow.target, note=f"slow mode ended by {actor.handle}")
    db.session.commit()
    return slow


def check_slow_mode(author: User, thread: Thread | None, board: Board) -> None:
    """Raise ``SlowedDown`` when a slow mode over this place asks the author to wait (moderators never wait)."""
    if author.is_moderator:
        return
    now = utcnow()
    for slow in SlowMode.covering(thread, board):
        last = last_post_in(author.id, slow)
        if last is not None:
            wait = (last - now).total_seconds() + slow.minutes * 60
            if wait > 0:
                minutes = math.ceil(wait / 60)
                raise SlowedDown(messages.SLOW_MODE.format(
                    minutes=slow.minutes, wait=f"{minutes} minute{'s' if minutes != 1 else ''}"), math.ceil(wait))


def update_settings(actor: User, data: dict) -> ContagionSettings:
    """Change admins' settings (any subset of ``ContagionSettings.EDITABLE``), audited with the diff."""
    settings = ContagionSettings.current()
    fields, changes = {}, {}
    for name, value in data.items():
        if name not in ContagionSettings.EDITABLE:
            fields[name] = "This is not a setting of the contagion guard."
        elif name in ("enabled", "slow_mode", "hold_joining"):
            if not isinstance(value, bool):
                fields[name] = "Use true or false."
            changes[name] = value
        elif name == "similarity":
            low, high = SIMILARITY_RANGE
            if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
                fields[name] = f"Use a number from {low} to {high}."
            changes[name] = value
        else:
            low, high = LIMITS[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                fields[name] = f"Use a whole number from {low} to {high:,}."
            changes[name] = value
    if fields:
        raise InvalidInput(fields)
    before = settings.to_dict()
    for name, value in changes.items():
        setattr(settings, name, float(value) if name == "similarity" else value)
    AdminAudit.record(actor, AuditAction.CONTAGION_SETTINGS, "contagion", before=before, after=settings.to_dict())
    db.session.commit()
    return settings
