"""API routes for a moderator's own care: exposure from reveals, breaks, opted-out categories, tap-out,
"this one stayed with me", and the limits admins set."""
from flask import jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member, moderator_required
from forum.api.payload import json_object, optional_json_object, optional_note
from forum.lookups import queue_item_or_404
from forum.services import care_limits, exposure, moderator_breaks, queue_shield, tap_out
from models.base import isoformat


@bp.get("/me/wellbeing")
@moderator_required
def get_wellbeing():
    return jsonify(exposure.wellbeing(api_member()))


@bp.post("/moderation/items/<int:item_id>/reveal")
@moderator_required
def reveal_item(item_id):
    """The moderator chose to see the post: counted once per item per shift; says whether to suggest a break."""
    item = queue_item_or_404(item_id)
    exposure.record_reveal(api_member(), item)
    wellbeing = exposure.wellbeing(api_member())
    return jsonify(item_id=item.id, suggest_break=wellbeing["limits"]["soft_reached"], wellbeing=wellbeing)


@bp.post("/moderation/items/<int:item_id>/stayed-with-me")
@moderator_required
def item_stayed_with_me(item_id):
    item = queue_item_or_404(item_id)
    request = tap_out.stayed_with_me(api_member(), item, optional_note(optional_json_object()))
    return jsonify(request=request.to_dict()), 201


@bp.post("/me/tap-out")
@moderator_required
def post_tap_out():
    moderator = api_member()
    done = tap_out.tap_out(moderator, optional_note(optional_json_object()))
    plan, resources = tap_out.own_support(moderator)
    return jsonify(released=done.released, on_duty=False, request=done.request.to_dict(),
                   safety_plan=plan.to_dict() if plan else None, resources=[r.to_dict() for r in resources])


def _break_json(moderator) -> dict:
    running = moderator_breaks.running_break(moderator)
    return {"on_break": running is not None, "started_at": isoformat(running.started_at) if running else None,
            "ends_at": isoformat(running.ends_at) if running else None}


@bp.get("/me/break")
@moderator_required
def get_break():
    return jsonify(_break_json(api_member()))


@bp.post("/me/break")
@moderator_required
def start_break():
    moderator_breaks.take_break(api_member())
    return jsonify(_break_json(api_member()))


@bp.delete("/me/break")
@moderator_required
def stop_break():
    moderator_breaks.end_break(api_member())
    return jsonify(_break_json(api_member()))


def _opt_outs_json(moderator) -> dict:
    return {"categories": queue_shield.opted_out(moderator),
            "covered_now": queue_shield.shield_for(moderator).covered_categories}


@bp.get("/me/opt-outs")
@moderator_required
def get_opt_outs():
    return jsonify(_opt_outs_json(api_member()))


@bp.put("/me/opt-outs")
@moderator_required
def put_opt_outs():
    queue_shield.set_opt_outs(api_member(), json_object().get("categories"))
    return jsonify(_opt_outs_json(api_member()))


@bp.get("/admin/care-limits")
@admin_required
def get_care_limits():
    return jsonify(care_limits.current().to_dict())


@bp.put("/admin/care-limits")
@admin_required
def put_care_limits():
    return jsonify(care_limits.set_limits(api_member(), json_object()).to_dict())
