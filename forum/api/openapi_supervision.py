"""The supervision and coverage part of the OpenAPI document: supervisors, weekly check-ins, sessions,
coverage and response-time targets.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_care``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _errors, _ok, _path_id, _ref
from forum.api.openapi_care import _ADMIN, _TIME, _change, _get
from forum.services.coverage import MAX_WEEKS, WEEKDAYS
from forum.services.response_targets import LIMITS, MAX_DAYS
from forum.services.supervision_sessions import LENGTHS
from models.coverage import AlertChannel, Target
from models.supervision_notes import NOTE_BODY_MAX_LENGTH
from models.supervision_sessions import AGENDA_MAX_LENGTH
from models.wellbeing import NOTE_MAX_LENGTH, SCALE

_SUPERVISORS = "Supervisors and admins only."


def _created(operation: dict) -> dict:
    """The same operation answering 201 Created instead of 200."""
    operation["responses"]["201"] = operation["responses"].pop("200")
    return operation


def _query(name: str, maximum: int, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": "integer", "minimum": 1, "maximum": maximum}}


_NUMBER = {"type": "number", "nullable": True}
_TARGET_FIELDS = {name: {"type": "integer", "minimum": low, "maximum": high} for name, (low, high, _) in LIMITS.items()}
_RESULT = {
    "type": "object",
    "required": ["limit_minutes", "total", "answered", "within", "missed", "waiting", "within_percent",
                 "median_minutes", "p90_minutes"],
    "properties": {
        "limit_minutes": {"type": "number"}, "total": {"type": "integer"}, "answered": {"type": "integer"},
        "within": {"type": "integer"},
        "missed": {"type": "integer", "description": "Answered late, or still waiting past the target."},
        "waiting": {"type": "integer", "description": "Still waiting, inside the target."},
        "within_percent": _NUMBER, "median_minutes": _NUMBER, "p90_minutes": _NUMBER,
    },
}

_SCALE = {"type": "integer", "minimum": SCALE[0], "maximum": SCALE[1], "nullable": True}

SUPERVISION_SCHEMAS = {
    "CoverageSlot": {
        "type": "object",
        "required": ["weekday", "hour", "covered_percent", "moderators", "arrived", "arrived_uncovered", "gap"],
        "properties": {
            "weekday": {"type": "string", "enum": list(WEEKDAYS)},
            "hour": {"type": "integer", "minimum": 0, "maximum": 23},
            "covered_percent": {"type": "number", "description": "Share of the hour with a moderator on duty."},
            "moderators": {"type": "number", "description": "Moderators on duty on average."},
            "arrived": {"type": "integer", "description": "Queue items that arrived."},
            "arrived_uncovered": {"type": "integer", "description": "Of those, arrived with nobody on duty."},
            "gap": {"type": "boolean"},
        },
    },
    "Coverage": {
        "type": "object",
        "required": ["weeks", "start", "end", "gaps", "slots", "by_hour"],
        "properties": {
            "weeks": {"type": "integer"}, "start": _TIME, "end": _TIME, "gaps": {"type": "integer"},
            "slots": {"type": "array", "items": _ref("CoverageSlot"), "description": "168 hours, Monday 00:00 UTC first."},
            "by_hour": {"type": "array", "items": {"type": "object", "properties": {
                "hour": {"type": "integer"}, "moderators": {"type": "number"}, "arrived": {"type": "integer"},
                "arrived_uncovered": {"type": "integer"}}}},
        },
    },
    "ResponseTargets": {"type": "object", "required": list(LIMITS), "properties": _TARGET_FIELDS},
    "ResponseTimes": {
        "type": "object",
        "required": ["days", "targets", "results"],
        "properties": {
            "days": {"type": "integer"}, "targets": _ref("ResponseTargets"),
            "results": {"type": "object", "required": [t.value for t in Target],
                        "properties": {t.value: _RESULT for t in Target}},
        },
    },
    "TargetAlert": {
        "type": "object",
        "required": ["id", "target", "subject_id", "due_at", "channel", "created_at"],
        "properties": {
            "id": {"type": "integer"}, "target": {"type": "string", "enum": [t.value for t in Target]},
            "subject_id": {"type": "integer", "description": "The queue item (crisis, held) or thread (first_reply)."},
            "due_at": _TIME, "channel": {"type": "string", "enum": [c.value for c in AlertChannel]},
            "created_at": _TIME,
        },
    },
    "ModeratorLoad": {
        "type": "object",
        "required": ["days", "opened_unblurred", "crisis_opened", "exposure", "shifts", "hours_on_duty", "requests"],
        "properties": {"days": {"type": "integer"}, "opened_unblurred": {"type": "integer"},
                       "crisis_opened": {"type": "integer"},
                       "exposure": {"type": "object", "additionalProperties": {"type": "integer"}},
                       "shifts": {"type": "integer"}, "hours_on_duty": {"type": "number"},
                       "requests": {"type": "integer"}},
    },
    "SupervisedModerator": {
        "type": "object",
        "required": ["handle", "supervisor", "supervised_by_you"],
        "properties": {"handle": {"type": "string"}, "supervisor": {"type": "string", "nullable": True,
                                                                     "description": "null: the admins supervise them."},
                       "supervised_by_you": {"type": "boolean"}},
    },
    "WeeklyCheckIn": {
        "type": "object",
        "required": ["week_start", "heaviness", "energy", "note", "updated_at"],
        "properties": {"week_start": {"type": "string", "format": "date"}, "heaviness": _SCALE, "energy": _SCALE,
                       "note": {"type": "string", "nullable": True}, "updated_at": _TIME},
    },
    "SupervisionSession": {
        "type": "object",
        "required": ["id", "moderator", "supervisor", "starts_at", "minutes", "agenda", "reminded_at", "cancelled_at"],
        "properties": {"id": {"type": "integer"}, "moderator": {"type": "string"},
                       "supervisor": {"type": "string", "nullable": True}, "starts_at": _TIME,
                       "minutes": {"type": "integer"}, "agenda": {"type": "string"}, "reminded_at": _TIME,
                       "cancelled_at": _TIME},
    },
}

_WEEKS = {"type": "array", "items": _ref("WeeklyCheckIn"), "description": "Oldest first; skipped weeks have nulls."}
_SESSIONS = {"type": "object", "required": ["sessions"],
             "properties": {"sessions": {"type": "array", "items": _ref("SupervisionSession")}}}

SUPERVISION_PATHS = {
    "/api/v1/admin/coverage": {
        "get": {**_get(f"Moderators on duty against queue arrivals for each hour of the week, gaps marked. {_ADMIN}",
                       "getCoverage", _ref("Coverage"), 422),
                "parameters": [_query("weeks", MAX_WEEKS, "Whole weeks back from the current hour (default 4).")]},
    },
    "/api/v1/admin/response-targets": {
        "get": _get(f"The response-time targets. {_ADMIN}", "getResponseTargets", _ref("ResponseTargets")),
        "put": _change(f"Change some or all targets. Audited. {_ADMIN}", "putResponseTargets",
                       {"type": "object", "properties": _TARGET_FIELDS}, _ref("ResponseTargets")),
    },
    "/api/v1/admin/response-times": {
        "get": {**_get(f"How each target was met over the last days. {_ADMIN}", "getResponseTimes",
                       _ref("ResponseTimes"), 422),
                "parameters": [_query("days", MAX_DAYS, "Days back from now (default 30).")]},
    },
    "/api/v1/admin/target-alerts": {
        "get": _get(f"The newest alerts sent before a target was missed. {_ADMIN}", "listTargetAlerts", {
            "type": "object", "required": ["alerts"],
            "properties": {"alerts": {"type": "array", "items": _ref("TargetAlert")}}}),
    },
    "/api/v1/admin/members/{handle}/supervisor": {
        "parameters": [_path_id("handle", "string")],
        "put": _change(f"Assign a moderator's supervisor, or null for the admins. Audited. {_ADMIN}", "putSupervisor",
                       {"type": "object", "required": ["supervisor"],
                        "properties": {"supervisor": {"type": "string", "nullable": True}}},
                       _ref("SupervisedModerator"), 404),
    },
    "/api/v1/supervision/moderators": {
        "get": _get(f"The moderators whose requests and load you see (admins: all). {_SUPERVISORS}",
                    "listSupervisedModerators", {"type": "object", "required": ["moderators"], "properties": {
                        "moderators": {"type": "array", "items": _ref("SupervisedModerator")}}}),
    },
    "/api/v1/supervision/moderators/{handle}/check-ins": {
        "parameters": [_path_id("handle", "string")],
        "get": _get("A moderator's weekly check-ins, for their own supervisor only (not other supervisors or admins).",
                    "getModeratorCheckIns", {"type": "object", "required": ["weeks"], "properties": {"weeks": _WEEKS}},
                    404),
    },
    "/api/v1/me/weekly-check-in": {
        "get": _get("Your weekly check-ins and whether this week's is still to do. Moderators and admins only.",
                    "getWeeklyCheckIn", {"type": "object", "required": ["due", "weeks"],
                                         "properties": {"due": {"type": "boolean"}, "weeks": _WEEKS}}),
        "put": _change("This week's check-in; every answer is optional. Seen by you and your supervisor only.",
                       "putWeeklyCheckIn", {"type": "object", "additionalProperties": False, "properties": {
                           "heaviness": _SCALE, "energy": _SCALE,
                           "note": {"type": "string", "maxLength": NOTE_MAX_LENGTH, "nullable": True}}},
                       _ref("WeeklyCheckIn")),
    },
    "/api/v1/supervision/requests/{request_id}": {
        "parameters": [_path_id("request_id")],
        "get": _get(f"One check-in request of a moderator you look after. {_SUPERVISORS}", "getSupervisionRequest",
                    _ref("SupervisionRequest"), 404),
    },
    "/api/v1/supervision/requests/{request_id}/answer": {
        "parameters": [_path_id("request_id")],
        "post": _change(f"Answer (close) a request, with an optional private note (the moderator's own supervisor "
                        f"only). 409 if answered already. Audited, without the note's words. {_SUPERVISORS}",
                        "answerSupervisionRequest", {"type": "object", "properties": {
                            "note": {"type": "string", "maxLength": NOTE_BODY_MAX_LENGTH, "nullable": True}}},
                        _ref("SupervisionRequest"), 404, 409),
    },
    "/api/v1/supervision/requests/{request_id}/note": {
        "parameters": [_path_id("request_id")],
        "put": _change("Write or change the private note on a request: the moderator's own supervisor only, and "
                       "only the note's author changes it. Audited, without its words.", "putSupervisionNote",
                       {"type": "object", "required": ["note"], "properties": {
                           "note": {"type": "string", "minLength": 1, "maxLength": NOTE_BODY_MAX_LENGTH}}},
                       _ref("SupervisionRequest"), 404),
    },
    "/api/v1/me/check-in-requests": {
        "get": _get("Your own check-in requests, each with your supervisor's private note once written. "
                    "Moderators and admins only.", "listOwnCheckInRequests", {
                        "type": "object", "required": ["requests"],
                        "properties": {"requests": {"type": "array", "items": _ref("SupervisionRequest")}}}),
    },
    "/api/v1/supervision/moderators/{handle}/load": {
        "parameters": [_path_id("handle", "string")],
        "get": _get(f"One moderator's last seven days: hours on duty, what they chose to see by category, requests. "
                    f"Never ranked or compared. Their supervisor and admins.", "getModeratorLoad",
                    _ref("ModeratorLoad"), 404),
    },
    "/api/v1/supervision/sessions": {
        "get": _get("Upcoming sessions: your own, and (supervisors) those with the moderators you supervise. "
                    "Moderators, supervisors and admins.", "listSupervisionSessions", _SESSIONS),
        "post": _created(_change(f"Book a session with a moderator you supervise; they are reminded a day before. Audited. "
                        f"{_SUPERVISORS}", "createSupervisionSession",
                        {"type": "object", "required": ["moderator", "starts_at"], "properties": {
                            "moderator": {"type": "string"}, "starts_at": {"type": "string", "format": "date-time"},
                            "minutes": {"type": "integer", "minimum": LENGTHS[0], "maximum": LENGTHS[1]},
                            "agenda": {"type": "string", "maxLength": AGENDA_MAX_LENGTH}}},
                        _ref("SupervisionSession"))),
    },
    "/api/v1/supervision/sessions/{session_id}/cancel": {
        "parameters": [_path_id("session_id")],
        "post": {"summary": "Cancel a session: its moderator or their supervisor. Audited.",
                 "operationId": "cancelSupervisionSession", "security": TOKEN,
                 "responses": {"200": _ok("Cancelled.", _ref("SupervisionSession")), **_errors(401, 403, 404)}},
    },
}

PATHS.update(SUPERVISION_PATHS)
SCHEMAS.update(SUPERVISION_SCHEMAS)
