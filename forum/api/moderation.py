"""API routes for screening previews, reports and the moderator queue."""
from flask import abort, current_app, jsonify, request

from forum import live
from forum.api import bp
from forum.api.auth import api_member, moderator_required, token_required
from forum.api.content import post_json
from forum.api.errors import error_response
from forum.api.payload import json_object, text_fields
from forum.ratelimits import screen_limit
from forum.services import duty, queue, screening
from forum.services.queue import ItemConflict
from models import Board, Post, QueueItem, db, paginate

PREVIEW_FIELDS = ("action", "warnings", "signposts", "categories", "findings", "member_rules")


@bp.errorhandler(ItemConflict)
def item_conflict(error: ItemConflict):
    return error_response(409, str(error))


@bp.post("/screen")
@token_required
@screen_limit
def screen():
    """The verdict a draft would get, for compose-time nudges; nothing is stored."""
    data = json_object()
    (text,) = text_fields(data, "text")
    board = None
    if data.get("board") is not None:
        (slug,) = text_fields(data, "board")
        board = Board.find_by_slug(slug) or abort(404, "There is no board with that name.")
    verdict = screening.preview(text, api_member(), board)
    result = verdict.to_dict()
    return jsonify({name: result[name] for name in PREVIEW_FIELDS} | {"explanation": verdict.explanation_for_author})


@bp.post("/posts/<int:post_id>/reports")
@token_required
def report_post(post_id):
    viewer = api_member()
    post = Post.find_visible(post_id, viewer) or abort(404, "There is no post with that id.")
    data = json_object()
    (reason,) = text_fields(data, "reason")
    note = data.get("note") if isinstance(data.get("note"), str) else ""
    report, created = queue.report_post(post, viewer, reason, note)
    if created:
        live.item_changed(live.ITEM_NEW, QueueItem.for_post(post))
    return jsonify(post_id=post.id, reason=report.reason, created=created), 201 if created else 200


@bp.get("/moderation/queue")
@moderator_required
def moderation_queue():
    viewer = api_member()
    duty.heartbeat(viewer)  # looking at the queue is activity: it keeps an open shift alive
    statement = QueueItem.waiting(
        viewer, category=request.args.get("category"), board=request.args.get("board"),
        reason=request.args.get("reason"),
    )
    page = paginate(statement, request.args.get("page", 1, type=int), current_app.config["QUEUE_ITEMS_PER_PAGE"])
    return jsonify(counts=QueueItem.counts(viewer), **page.to_dict("items", lambda item: _item_json(item)))


@bp.post("/moderation/items/<int:item_id>/claim")
@moderator_required
def claim_item(item_id):
    item = queue.claim_item(_item_or_404(item_id), api_member())
    live.item_changed(live.ITEM_CLAIMED, item)
    return jsonify(_item_json(item))


@bp.post("/moderation/items/<int:item_id>/decision")
@moderator_required
def decide_item(item_id):
    item = _item_or_404(item_id)
    data = json_object()
    (decision,) = text_fields(data, "decision")
    record = queue.apply_decision(
        item,
        api_member(),
        decision,
        warnings=data.get("warnings"),
        body=data.get("body"),
        reason=data.get("reason") or "",
        note=data.get("note") or "",
    )
    live.item_changed(live.ITEM_DECIDED, item)
    return jsonify(decision=record.to_dict(), item=_item_json(item), post=post_json(item.post, api_member()))


def _item_json(item: QueueItem) -> dict:
    return item.to_dict() | {"available_decisions": queue.available_decisions(item, api_member())}


def _item_or_404(item_id: int) -> QueueItem:
    return db.session.get(QueueItem, item_id) or abort(404, "There is no queue item with that id.")
