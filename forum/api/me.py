"""API routes about the caller themselves: reading preferences, their safety plan, and all their data."""
from flask import jsonify

from forum.api import bp
from forum.api.auth import api_member, token_required
from forum.api.payload import json_object
from forum.messages import ACCOUNT_DELETED
from forum.services import InvalidInput
from forum.services.erasure import delete_account
from forum.services.member_data import export
from forum.services.reading import reading_preferences, update_reading_preferences
from forum.services.safety_plans import save_safety_plan
from models import SafetyPlan
from models.safety_plan import PLAN_SECTIONS


@bp.get("/me/preferences")
@token_required
def get_preferences():
    return jsonify(reading_preferences(api_member()))


@bp.put("/me/preferences")
@token_required
def put_preferences():
    data = json_object()
    warnings, region = data.get("warnings", {}), data.get("region")
    fields = {}
    if not isinstance(warnings, dict):
        fields["warnings"] = "This field must be an object of category to choice."
    if region is not None and not isinstance(region, str):
        fields["region"] = "This field must be text."
    unknown = set(data) - {"warnings", "region"}
    fields.update({name: "This field is not part of your preferences." for name in unknown})
    if fields:
        raise InvalidInput(fields)
    update_reading_preferences(api_member(), warnings, region)
    return jsonify(reading_preferences(api_member()))


@bp.get("/me/safety-plan")
@token_required
def get_safety_plan():
    plan = SafetyPlan.of(api_member()) or SafetyPlan(**{section: "" for section in PLAN_SECTIONS})
    return jsonify(plan.to_dict())


@bp.put("/me/safety-plan")
@token_required
def put_safety_plan():
    return jsonify(save_safety_plan(api_member(), json_object()).to_dict())


@bp.get("/me/export")
@token_required
def export_my_data():
    return jsonify(export(api_member()))


@bp.delete("/me")
@token_required
def delete_me():
    data = json_object()
    delete_account(api_member(), data.get("password"), data.get("posts"))
    return jsonify(deleted=True, message=ACCOUNT_DELETED)
