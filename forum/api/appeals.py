"""API routes for authors appealing a moderator's decision on their post."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import api_member, token_required
from forum.api.errors import error_response
from forum.api.payload import json_object
from forum.services import NotAllowed
from forum.services.appeals import AppealRefused, appeal_state, file_appeal
from models import Post
from models.base import isoformat


@bp.errorhandler(AppealRefused)
def appeal_refused(error: AppealRefused):
    return error_response(409, str(error))


@bp.get("/posts/<int:post_id>/appeal")
@token_required
def get_appeal(post_id):
    """Whether the post's latest decision can be appealed, and until when; its author and moderators only."""
    viewer, post = api_member(), _post_or_404(post_id)
    if post.author_id != viewer.id and not viewer.is_moderator:
        raise NotAllowed("only the author and moderators see a post's appeal")
    state = appeal_state(post)
    data = {"can_appeal": state.can_appeal, "open_until": isoformat(state.open_until),
            "decision": None if state.decision is None else state.decision.decision}
    if state.appeal is not None:
        data["appeal"] = state.appeal.to_dict()
    return jsonify(data)


@bp.post("/posts/<int:post_id>/appeal")
@token_required
def post_appeal(post_id):
    data = json_object()
    appeal = file_appeal(_post_or_404(post_id), api_member(), data.get("note"))
    return jsonify(appeal.to_dict()), 201


def _post_or_404(post_id: int) -> Post:
    return Post.find_visible(post_id, api_member()) or abort(404, "There is no post with that id.")
