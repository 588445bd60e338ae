"""API routes for screening previews, reports and the moderator queue."""
from flask import abort, current_app, jsonify, request

from forum.api import bp
from forum.api.auth import api_member, moderator_required, token_required
from forum.api.content import post_json
from forum.api.errors import error_response
from forum.api.payload import json_object, text_fields
from forum.api.previews import preview_response
from forum.lookups import queue_item_or_404
from forum.ratelimits import screen_limit
from forum.request_guard import page_number
from forum.services import duty, queue
from forum.services.queue import AppealNeedsAnother, ItemConflict
from forum.services.queue_view import item_context, item_json
from models import Post, paginate

@bp.errorhandler(ItemConflict)
def item_conflict(error: ItemConflict):
    return error_response(409, str(error))


@bp.errorhandler(AppealNeedsAnother)
def appeal_needs_another(error: AppealNeedsAnother):
    return error_response(403, str(error), code="appeal_needs_another_moderator")


@bp.post("/screen")
@token_required
@screen_limit
def screen():
    """The verdict a draft would get, for compose-time nudges; nothing is stored."""
    return preview_response(api_member())


@bp.post("/posts/<int:post_id>/reports")
@token_required
def report_post(post_id):
    viewer = api_member()
    post = Post.find_visible(post_id, viewer) or abort(404, "There is no post with that id.")
    data = json_object()
    (reason,) = text_fields(data, "reason")
    note = data.get("note") if isinstance(data.get("note"), str) else ""
    report, created = queue.report_post(post, viewer, reason, note)
    return jsonify(post_id=post.id, reason=report.reason, created=created), 201 if created else 200


@bp.get("/moderation/queue")
@moderator_required
def moderation_queue():
    viewer = api_member()
    duty.heartbeat(viewer)  # looking at the queue is activity: it keeps an open shift alive
    statement = queue.waiting_for(
        viewer, category=request.args.get("category"), board=request.args.get("board"),
        reason=request.args.get("reason"),
    )
    page = paginate(statement, page_number(), current_app.config["QUEUE_ITEMS_PER_PAGE"])
    return jsonify(counts=queue.counts_for(viewer), **page.to_dict("items", lambda item: item_json(item, viewer)))


@bp.get("/moderation/items/<int:item_id>")
@moderator_required
def get_item(item_id):
    """What the item page shows: the post, its reasons in words, the thread before it, the author's history."""
    moderator = api_member()
    return jsonify(item_context(queue_item_or_404(item_id), moderator).to_dict(moderator))


@bp.post("/moderation/items/<int:item_id>/claim")
@moderator_required
def claim_item(item_id):
    item = queue.claim_item(queue_item_or_404(item_id), api_member())
    return jsonify(item_json(item, api_member()))


@bp.post("/moderation/items/<int:item_id>/decision")
@moderator_required
def decide_item(item_id):
    item = queue_item_or_404(item_id)
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
    return jsonify(decision=record.to_dict(), item=item_json(item, api_member()), post=post_json(item.post, api_member()))
