"""API routes for supervisors: moderators' check-in requests and tap-outs, answering them, private notes;
and a moderator's own requests."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import api_member, moderator_required, supervisor_required
from forum.api.errors import error_response
from forum.api.payload import json_object
from forum.services import InvalidInput, supervision_requests
from forum.services.supervision_requests import AlreadyAnswered


@bp.errorhandler(AlreadyAnswered)
def already_answered(error: AlreadyAnswered):
    return error_response(409, "Someone answered this request already.")


@bp.get("/supervision/requests")
@supervisor_required
def list_check_in_requests():
    """Newest first; answered ones too, so a supervisor sees what was asked and who answered."""
    return _listed(supervision_requests.requests_for(api_member()))


@bp.get("/supervision/requests/<int:request_id>")
@supervisor_required
def get_check_in_request(request_id):
    viewer = api_member()
    return jsonify(supervision_requests.request_dict(viewer, _visible(request_id)))


@bp.post("/supervision/requests/<int:request_id>/answer")
@supervisor_required
def answer_check_in_request(request_id):
    viewer, note = api_member(), json_object().get("note")
    request = supervision_requests.answer(viewer, _visible(request_id), note)
    return jsonify(supervision_requests.request_dict(viewer, request))


@bp.put("/supervision/requests/<int:request_id>/note")
@supervisor_required
def put_check_in_note(request_id):
    viewer, data = api_member(), json_object()
    if "note" not in data:
        raise InvalidInput({"note": "This field is required."})
    request = _visible(request_id)
    supervision_requests.write_note(viewer, request, data["note"])
    return jsonify(supervision_requests.request_dict(viewer, request))


@bp.get("/me/check-in-requests")
@moderator_required
def my_check_in_requests():
    """The caller's own requests, each with their supervisor's private note once written."""
    return _listed(supervision_requests.own_requests(api_member()))


def _listed(requests):
    return jsonify(requests=[supervision_requests.request_dict(api_member(), request) for request in requests])


def _visible(request_id: int):
    """A request of a moderator the caller looks after; anything else (their own included) is a 404 here."""
    request = supervision_requests.visible_request(api_member(), request_id)
    if request is None or request.moderator_id == api_member().id:
        abort(404)
    return request
