"""API routes for coverage and response-time targets; admins only, like the coverage page."""
from flask import jsonify, request

from forum.api import bp
from forum.api.auth import admin_required, api_member
from forum.api.payload import json_object
from forum.services import coverage, response_targets
from models.coverage import TargetAlert


@bp.get("/admin/coverage")
@admin_required
def get_coverage():
    report = coverage.coverage(coverage.parse_weeks(request.args.get("weeks")))
    return jsonify(report.to_dict() | {"by_hour": report.by_hour_of_day()})


@bp.get("/admin/response-targets")
@admin_required
def get_response_targets():
    return jsonify(response_targets.current().to_dict())


@bp.put("/admin/response-targets")
@admin_required
def put_response_targets():
    return jsonify(response_targets.set_targets(api_member(), json_object()).to_dict())


@bp.get("/admin/response-times")
@admin_required
def get_response_times():
    return jsonify(response_targets.report(response_targets.parse_days(request.args.get("days"))))


@bp.get("/admin/target-alerts")
@admin_required
def get_target_alerts():
    return jsonify(alerts=[alert.to_dict() for alert in TargetAlert.newest_first()])
