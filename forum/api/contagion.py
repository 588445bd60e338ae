"""Admin API for the contagion guard: its settings, the clusters it found, ending a slow mode, a backtest."""
from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member
from forum.api.payload import json_object
from forum.services import contagion, jobs
from models import Cluster, ContagionSettings, SlowMode, db

RECENT_CLUSTERS = 50


@bp.get("/admin/contagion")
@admin_required
def get_contagion():
    return jsonify(
        settings=ContagionSettings.effective().to_dict(),
        active=[cluster.to_dict() for cluster in Cluster.active()],
        recent=[cluster.to_dict() for cluster in Cluster.newest_first(RECENT_CLUSTERS)],
    )


@bp.put("/admin/contagion/settings")
@admin_required
def update_contagion_settings():
    return jsonify(contagion.update_settings(api_member(), json_object()).to_dict())


@bp.post("/admin/contagion/slow-modes/<int:slow_mode_id>/end")
@admin_required
def end_slow_mode(slow_mode_id):
    slow = db.session.get(SlowMode, slow_mode_id) or abort(404, "There is no slow mode with that id.")
    if slow.ended_at is not None:
        abort(409, "This slow mode has already ended.")
    return jsonify(contagion.end_slow_mode(api_member(), slow).to_dict())


@bp.post("/admin/contagion/backtest")
@admin_required
def backtest_contagion():
    job = jobs.start_contagion_backtest(api_member(), json_object().get("days", jobs.CONTAGION_BACKTEST_DAYS))
    return jsonify(job_id=job.id), 202
