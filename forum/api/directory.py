"""Admin API for the help directory: list, add, edit or re-verify, and retire services."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member
from forum.api.payload import json_object
from forum.services import InvalidInput, directory
from models import Resource, db


def _resource_or_404(resource_id: int) -> Resource:
    return db.session.get(Resource, resource_id) or abort(404, "There is no service with that id.")


@bp.get("/admin/resources")
@admin_required
def list_resources():
    return jsonify(resources=[resource.to_dict() for resource in Resource.directory()])


@bp.post("/admin/resources")
@admin_required
def add_resource():
    return jsonify(directory.add_resource(api_member(), json_object()).to_dict()), 201


@bp.patch("/admin/resources/<int:resource_id>")
@admin_required
def edit_resource(resource_id):
    """Change fields; ``"verified": true`` records that the service was checked today."""
    resource = _resource_or_404(resource_id)
    fields = json_object()
    verified = fields.pop("verified", False)
    if not isinstance(verified, bool):
        raise InvalidInput({"verified": "This field must be true or false."})
    if fields:
        directory.edit_resource(api_member(), resource, fields)
    if verified:
        directory.verify_resource(api_member(), resource)
    return jsonify(resource.to_dict())


@bp.delete("/admin/resources/<int:resource_id>")
@admin_required
def retire_resource(resource_id):
    return jsonify(directory.retire_resource(api_member(), _resource_or_404(resource_id)).to_dict())
