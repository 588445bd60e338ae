"""The moderator-care part of the OpenAPI document: duty and training.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_admin``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _body, _errors, _ok, _path_id, _ref

_TIME = {"type": "string", "format": "date-time", "nullable": True}
_MODERATORS = "Moderators and admins only."
_ADMIN = "Admins only."


def _get(summary: str, operation: str, schema: dict, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN,
            "responses": {"200": _ok("OK.", schema), **_errors(401, 403, *errors)}}


def _change(summary: str, operation: str, body: dict, schema: dict, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN, "requestBody": _body(body),
            "responses": {"200": _ok("Done.", schema), **_errors(400, 401, 403, 422, *errors)}}


CARE_SCHEMAS = {
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
}

PATHS.update(CARE_PATHS)
SCHEMAS.update(CARE_SCHEMAS)
