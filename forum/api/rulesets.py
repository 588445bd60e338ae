"""Admin API for rule-set versions: list, draft, edit, try and activate (which is also rollback)."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member
from forum.api.payload import json_object, text_fields
from forum.services import InvalidInput, jobs, rulesets
from models import RuleSetVersion, db


def _version_or_404(version_id: int) -> RuleSetVersion:
    return db.session.get(RuleSetVersion, version_id) or abort(404, "There is no rule-set version with that id.")


@bp.get("/admin/rulesets")
@admin_required
def list_rulesets():
    active = RuleSetVersion.active()
    return jsonify(
        active_id=active.id if active else None,
        versions=[version.to_dict(with_document=False) for version in RuleSetVersion.newest_first()],
    )


@bp.post("/admin/rulesets")
@admin_required
def create_ruleset_draft():
    source = json_object().get("from", "active")
    if source == "active":
        version = RuleSetVersion.active() or abort(404, "No rule set is active yet.")
    elif isinstance(source, int) and not isinstance(source, bool):
        version = _version_or_404(source)
    else:
        raise InvalidInput({"from": 'Use "active" or the id of a version.'})
    return jsonify(rulesets.create_draft(api_member(), version).to_dict()), 201


@bp.get("/admin/rulesets/<int:version_id>")
@admin_required
def get_ruleset(version_id):
    return jsonify(_version_or_404(version_id).to_dict())


@bp.put("/admin/rulesets/<int:version_id>")
@admin_required
def update_ruleset_draft(version_id):
    version = _version_or_404(version_id)
    data = json_object()
    if "document" not in data:
        raise InvalidInput({"document": "This field is required."})
    return jsonify(rulesets.update_draft(api_member(), version, data["document"]).to_dict())


@bp.post("/admin/rulesets/<int:version_id>/try")
@admin_required
def try_ruleset(version_id):
    version = _version_or_404(version_id)
    data = json_object()
    (text,) = text_fields(data, "text")
    board = data.get("board") if isinstance(data.get("board"), str) else None
    verdicts = rulesets.try_text(version, text, board)
    return jsonify({name: verdict.to_dict() for name, verdict in verdicts.items()})


@bp.post("/admin/rulesets/<int:version_id>/activate")
@admin_required
def activate_ruleset(version_id):
    """With ``"rescreen": true``, recent published posts are screened again under it in the background."""
    version = _version_or_404(version_id)
    data = json_object()
    (note,) = text_fields(data, "note")
    activated = rulesets.activate(api_member(), version, note).to_dict(with_document=False)
    if data.get("rescreen") is True:
        activated["rescreen_job_id"] = jobs.start_rescreen(api_member()).id
    return jsonify(activated)
