"""The moderator-care part of the OpenAPI document: duty, training, coverage and response-time targets.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_admin``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _body, _errors, _ok, _path_id, _ref
from forum.services.coverage import MAX_WEEKS, WEEKDAYS
from forum.services.response_targets import LIMITS, MAX_DAYS
from models.coverage import AlertChannel, Target

_TIME = {"type": "string", "format": "date-time", "nullable": True}
_MODERATORS = "Moderators and admins only."
_ADMIN = "Admins only."


def _get(summary: str, operation: str, schema: dict, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN,
            "responses": {"200": _ok("OK.", schema), **_errors(401, 403, *errors)}}


def _change(summary: str, operation: str, body: dict, schema: dict, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN, "requestBody": _body(body),
            "responses": {"200": _ok("Done.", schema), **_errors(400, 401, 403, 422, *errors)}}


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

CARE_SCHEMAS = {
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
    "DutyState": {
        "type": "object",
        "required": ["on_duty", "since"],
        "properties": {"on_duty": {"type": "boolean"}, "since": _TIME},
    },
    "DutyShift": {
        "type": "object",
        "required": ["moderator", "since", "last_seen_at", "expires_at"],
        "properties": {
            "moderator": {"type": "string"},
            "since": _TIME,
            "last_seen_at": _TIME,
            "expires_at": {**_TIME, "description": "When the shift lapses unless the moderator is active."},
        },
    },
    "TrainingStatus": {
        "type": "object",
        "required": ["handle", "trained", "state", "completed_at", "due_at", "source"],
        "properties": {
            "handle": {"type": "string"},
            "trained": {"type": "boolean", "description": "Whether they may claim items and go on duty."},
            "state": {"type": "string", "enum": ["untrained", "overdue", "due_soon", "trained"]},
            "completed_at": _TIME,
            "due_at": {**_TIME, "description": "When the yearly refresher is due."},
            "source": {"type": "string", "enum": ["module", "recorded", None], "nullable": True},
        },
    },
    "TrainingPage": {
        "type": "object",
        "required": ["slug", "kind", "title", "body", "choices", "updated_at"],
        "properties": {
            "slug": {"type": "string"},
            "kind": {"type": "string", "enum": ["lesson", "scenario"]},
            "title": {"type": "string"},
            "body": {"type": "string", "description": "Markdown."},
            "choices": {"type": "array", "description": "For a scenario: the answers' texts (for admins, whole "
                        "choices with `correct` and `why`).", "items": {}},
            "updated_at": _TIME,
        },
    },
}

CARE_PATHS = {
    "/api/v1/me/duty": {
        "get": _get(f"Whether you are on duty, and since when. {_MODERATORS}", "getDuty", _ref("DutyState")),
        "put": _change(
            f"Go on or off duty. Going on duty needs training (403 `training_required`); a shift lapses after "
            f"HARBOUR_DUTY_IDLE_MINUTES without activity. Audited. {_MODERATORS}",
            "putDuty", {"type": "object", "required": ["on_duty"], "properties": {"on_duty": {"type": "boolean"}}},
            _ref("DutyState"),
        ),
    },
    "/api/v1/admin/duty": {
        "get": _get(f"Who is on duty now. {_ADMIN}", "listOnDuty", {
            "type": "object", "required": ["on_duty"],
            "properties": {"on_duty": {"type": "array", "items": _ref("DutyShift")}},
        }),
    },
    "/api/v1/training": {
        "get": _get(f"The training module's pages and your training state. {_MODERATORS}", "getTraining", {
            "type": "object", "required": ["status", "pages"],
            "properties": {"status": _ref("TrainingStatus"), "pages": {"type": "array", "items": _ref("TrainingPage")}},
        }),
    },
    "/api/v1/training/answers": {
        "post": _change(
            f"Answer the scenario questions; when every answer is right, completion is recorded. {_MODERATORS}",
            "answerTraining",
            {"type": "object", "required": ["answers"], "properties": {"answers": {
                "type": "object", "description": "Scenario slug to the index of the chosen choice.",
                "additionalProperties": {"type": "integer"}}}},
            {"type": "object", "required": ["passed", "results", "status"], "properties": {
                "passed": {"type": "boolean"},
                "results": {"type": "object", "additionalProperties": {
                    "type": "object", "properties": {"correct": {"type": "boolean"}, "why": {"type": "string"}}}},
                "status": _ref("TrainingStatus"),
            }},
        ),
    },
    "/api/v1/admin/training": {
        "get": _get(f"Every moderator and admin with their training state, those who need it first. {_ADMIN}",
                    "listTraining", {"type": "object", "required": ["people"], "properties": {
                        "people": {"type": "array", "items": _ref("TrainingStatus")}}}),
    },
    "/api/v1/admin/members/{handle}/training": {
        "parameters": [_path_id("handle", "string")],
        "post": _change(
            f"Record training done elsewhere (`completed: true`) or withdraw it (`false`). Audited. {_ADMIN}",
            "recordTraining",
            {"type": "object", "required": ["completed"], "properties": {"completed": {"type": "boolean"}}},
            _ref("TrainingStatus"), 404,
        ),
    },
    "/api/v1/admin/training/pages/{slug}": {
        "parameters": [_path_id("slug", "string")],
        "put": _change(
            f"Change a training page's title, body or (scenarios) choices. Audited. {_ADMIN}", "editTrainingPage",
            {"type": "object", "additionalProperties": False, "properties": {
                "title": {"type": "string"}, "body": {"type": "string"},
                "choices": {"type": "array", "items": {"type": "object", "required": ["text", "correct", "why"]}}}},
            _ref("TrainingPage"), 404,
        ),
    },
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
}

PATHS.update(CARE_PATHS)
SCHEMAS.update(CARE_SCHEMAS)
