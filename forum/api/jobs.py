"""Admin API for background jobs: start a backtest of a rule-set version, then watch it."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member
from forum.api.payload import json_object
from forum.services import jobs
from models import RuleSetVersion, db
from models.jobs import Job


@bp.post("/admin/rulesets/<int:version_id>/backtest")
@admin_required
def backtest_ruleset(version_id):
    version = db.session.get(RuleSetVersion, version_id) or abort(404, "There is no rule-set version with that id.")
    data = json_object()
    job = jobs.start_backtest(api_member(), version, limit=data.get("limit"), days=data.get("days"))
    return jsonify(job_id=job.id), 202


@bp.get("/admin/jobs/<int:job_id>")
@admin_required
def get_job(job_id):
    job = db.session.get(Job, job_id) or abort(404, "There is no job with that id.")
    return jsonify(job.to_dict())
