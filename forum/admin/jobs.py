"""Admin pages for background jobs: a progress bar while it runs, the result when it is done."""
from flask import abort, jsonify, render_template

from forum.admin import bp
from moderation.taxonomy import ACTIONS
from models import RuleSetVersion, db
from models.jobs import Job


@bp.get("/jobs/<int:job_id>")
def job(job_id):
    """Without JavaScript the page offers a refresh link; with it, static/js/job.js polls ``job_status``."""
    job = _job_or_404(job_id)
    version = db.session.get(RuleSetVersion, job.params["ruleset_id"]) if "ruleset_id" in job.params else None
    return render_template("admin/job.html", job=job, version=version, actions=ACTIONS)


@bp.get("/jobs/<int:job_id>.json")
def job_status(job_id):
    return jsonify(_job_or_404(job_id).to_dict())


def _job_or_404(job_id: int) -> Job:
    return db.session.get(Job, job_id) or abort(404)
