"""API routes for duty: a moderator's own on/off duty, and who is on duty now for admins."""
from flask import jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member, moderator_required
from forum.api.payload import json_object
from forum.services import InvalidInput, duty


@bp.get("/me/duty")
@moderator_required
def get_duty():
    return jsonify(duty.duty_state(api_member()))


@bp.put("/me/duty")
@moderator_required
def put_duty():
    data = json_object()
    if not isinstance(data.get("on_duty"), bool):
        raise InvalidInput({"on_duty": "This field must be true or false."})
    duty.set_on_duty(api_member(), data["on_duty"])
    return jsonify(duty.duty_state(api_member()))


@bp.get("/admin/duty")
@admin_required
def who_is_on_duty():
    return jsonify(on_duty=[shift.to_dict() for shift in duty.on_duty_now()])
