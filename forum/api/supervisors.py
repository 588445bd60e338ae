"""API routes for supervision: assigning supervisors, supervised moderators, weekly check-ins and sessions."""
from datetime import datetime

from flask import abort, jsonify

from forum.api import bp
from forum.api.auth import admin_required, api_member, care_team_required, moderator_required, supervisor_required
from forum.api.payload import json_object
from forum.services import InvalidInput, moderator_load, supervision, supervision_sessions, wellbeing_checkins
from models import User


@bp.put("/admin/members/<handle>/supervisor")
@admin_required
def put_supervisor(handle):
    member = User.find_by_handle(handle) or abort(404)
    data = json_object()
    chosen = data.get("supervisor")
    if "supervisor" not in data or (chosen is not None and not isinstance(chosen, str)):
        raise InvalidInput({"supervisor": "Give a supervisor's handle, or null for the admins."})
    supervision.assign_by_handle(api_member(), member, chosen)
    return jsonify(_moderator_dict(api_member(), member))


@bp.get("/supervision/moderators")
@supervisor_required
def list_supervised():
    viewer = api_member()
    return jsonify(moderators=[_moderator_dict(viewer, m) for m in supervision.moderators_for(viewer)])


@bp.get("/supervision/moderators/<handle>/check-ins")
@supervisor_required
def moderator_check_ins(handle):
    return jsonify(weeks=wellbeing_checkins.trend(api_member(), _moderator_or_404(handle)))


@bp.get("/supervision/moderators/<handle>/load")
@supervisor_required
def moderator_load_now(handle):
    return jsonify(moderator_load.recent_load(api_member(), _moderator_or_404(handle)))


@bp.get("/me/weekly-check-in")
@moderator_required
def get_weekly_check_in():
    member = api_member()
    return jsonify(due=wellbeing_checkins.is_due(member), weeks=wellbeing_checkins.trend(member, member))


@bp.put("/me/weekly-check-in")
@moderator_required
def put_weekly_check_in():
    return jsonify(wellbeing_checkins.check_in(api_member(), json_object()).to_dict())


@bp.get("/supervision/sessions")
@care_team_required
def list_sessions():
    return jsonify(sessions=[s.to_dict() for s in supervision_sessions.upcoming_for(api_member())])


@bp.post("/supervision/sessions")
@supervisor_required
def create_session():
    data = json_object()
    member = User.find_by_handle(data["moderator"]) if isinstance(data.get("moderator"), str) else None
    if member is None or not member.is_moderator:
        raise InvalidInput({"moderator": "Give the handle of a moderator you supervise."})
    session = supervision_sessions.schedule(api_member(), member, _moment(data.get("starts_at")),
                                            data.get("minutes", 45), data.get("agenda", ""))
    return jsonify(session.to_dict()), 201


@bp.post("/supervision/sessions/<int:session_id>/cancel")
@care_team_required
def cancel_session(session_id):
    session = supervision_sessions.visible_session(api_member(), session_id) or abort(404)
    supervision_sessions.cancel(api_member(), session)
    return jsonify(session.to_dict())


def _moderator_or_404(handle: str) -> User:
    member = User.find_by_handle(handle)
    if member is None or not member.is_moderator:
        abort(404)
    return member


def _moment(value) -> datetime | None:
    """An ISO 8601 time with its zone; anything else is left for the service to refuse."""
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _moderator_dict(viewer: User, member: User) -> dict:
    return {"handle": member.handle, "supervisor": member.supervisor.handle if member.supervisor else None,
            "supervised_by_you": supervision.supervises(viewer, member)}
