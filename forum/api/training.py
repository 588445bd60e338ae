"""API routes for moderator training: the module, answering its scenarios, and admins' records and edits."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member, moderator_required
from forum.api.payload import json_object
from forum.services import InvalidInput, training
from models import TrainingPage, User


@bp.get("/training")
@moderator_required
def training_module():
    return jsonify(status=training.status(api_member()), pages=[page.to_dict() for page in TrainingPage.ordered()])


@bp.post("/training/answers")
@moderator_required
def answer_training():
    result = training.check_answers(api_member(), json_object().get("answers"))
    return jsonify(result | {"status": training.status(api_member())})


@bp.get("/admin/training")
@admin_required
def training_roster():
    return jsonify(people=training.roster())


@bp.post("/admin/members/<handle>/training")
@admin_required
def record_training(handle):
    member = User.find_by_handle(handle) or abort(404, "There is no member with that handle.")
    data = json_object()
    if not isinstance(data.get("completed"), bool):
        raise InvalidInput({"completed": "This field must be true or false."})
    return jsonify(training.record_elsewhere(api_member(), member, data["completed"]))


@bp.put("/admin/training/pages/<slug>")
@admin_required
def edit_training_page(slug):
    page = TrainingPage.find(slug) or abort(404, "There is no training page with that name.")
    return jsonify(training.edit_page(api_member(), page, json_object()).to_dict(with_answers=True))
