"""API routes for supervisors: moderators' check-in requests and tap-outs."""
from flask import jsonify

from forum.api import bp
from forum.api.auth import api_member, supervisor_required
from forum.services import supervision_requests


@bp.get("/supervision/requests")
@supervisor_required
def list_check_in_requests():
    """Newest first; answered ones too, so a supervisor sees what was asked and who answered."""
    return jsonify(requests=[request.to_dict() for request in supervision_requests.requests_for(api_member())])
