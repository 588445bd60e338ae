"""The moderator-care part of the OpenAPI document: duty, training, exposure and limits, breaks, opted-out
categories, tap-out and supervision requests.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_admin``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _body, _errors, _ok, _path_id, _ref
from forum.services.care_limits import BREAK_RANGE, LIMIT_RANGE
from moderation.taxonomy import CATEGORIES
from models.supervision import NOTE_MAX_LENGTH, REQUEST_KINDS

_TIME = {"type": "string", "format": "date-time", "nullable": True}
_MODERATORS = "Moderators and admins only."
_ADMIN = "Admins only."
_OWN = "Moderators and admins only, about themselves: nobody else's figures are ever returned."
_SUPERVISORS = "Supervisors only (admins act as supervisors); members and moderators get 403."


def _get(summary: str, operation: str, schema: dict, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN,
            "responses": {"200": _ok("OK.", schema), **_errors(401, 403, *errors)}}


def _action(summary: str, operation: str, schema: dict, *errors: int, status: str = "200") -> dict:
    """A POST whose body is optional: empty, or an object with an optional ``note``."""
    return {"summary": summary, "operationId": operation, "security": TOKEN,
            "requestBody": {"required": False, **_body(_NOTE)},
            "responses": {status: _ok("Done.", schema), **_errors(400, 401, 403, 422, *errors)}}


def _change(summary: str, operation: str, body: dict, schema: dict, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN, "requestBody": _body(body),
            "responses": {"200": _ok("Done.", schema), **_errors(400, 401, 403, 422, *errors)}}


_NOTE = {"type": "object", "properties": {"note": {"type": "string", "maxLength": NOTE_MAX_LENGTH, "nullable": True,
                                                  "description": "For the supervisor; never in the audit log."}}}
_COUNT = {"type": "integer", "minimum": 0}
_CATEGORY_LIST = {"type": "array", "items": {"type": "string", "enum": list(CATEGORIES)}}
_LIMIT = {"type": "integer", "minimum": LIMIT_RANGE[0], "maximum": LIMIT_RANGE[1]}
_BREAK = {"type": "integer", "minimum": BREAK_RANGE[0], "maximum": BREAK_RANGE[1]}

CARE_SCHEMAS = {
    "CareLimits": {
        "type": "object",
        "required": ["soft", "hard", "break_minutes"],
        "properties": {
            "soft": {**_LIMIT, "description": "Heavy items revealed since the last break before a break is suggested."},
            "hard": {**_LIMIT, "description": "Heavy items revealed in a shift before crisis and graphic items stop "
                                              "being offered (only while someone else on duty can take them)."},
            "break_minutes": _BREAK,
        },
    },
    "Wellbeing": {
        "type": "object",
        "required": ["on_duty", "since", "exposure", "opened_unblurred", "heavy", "since_break_seconds",
                     "on_break_until", "limits"],
        "properties": {
            "on_duty": {"type": "boolean"},
            "since": {**_TIME, "description": "Counted from here: the shift's start, or 12 hours ago off duty."},
            "exposure": {"type": "object", "description": "Items you chose to see, by category.",
                         "properties": {category: _COUNT for category in CATEGORIES}},
            "opened_unblurred": _COUNT,
            "heavy": {**_COUNT, "description": "Revealed items with self-harm content."},
            "since_break_seconds": {**_COUNT, "nullable": True, "description": "Null off duty."},
            "on_break_until": _TIME,
            "limits": {"type": "object", "required": ["soft", "hard", "break_minutes", "heavy_since_break",
                                                      "soft_reached", "hard_reached"], "properties": {
                "soft": _LIMIT, "hard": _LIMIT, "break_minutes": _BREAK, "heavy_since_break": _COUNT,
                "soft_reached": {"type": "boolean"}, "hard_reached": {"type": "boolean"}}},
        },
    },
    "ModeratorBreak": {
        "type": "object",
        "required": ["on_break", "started_at", "ends_at"],
        "properties": {"on_break": {"type": "boolean"}, "started_at": _TIME, "ends_at": _TIME},
    },
    "OptOuts": {
        "type": "object",
        "required": ["categories", "covered_now"],
        "properties": {
            "categories": _CATEGORY_LIST,
            "covered_now": {**_CATEGORY_LIST, "description": "Those someone else on duty covers now, so the queue "
                                                             "leaves them out for you; the rest are still offered."},
        },
    },
    "SupervisionRequest": {
        "type": "object",
        "required": ["id", "moderator", "kind", "queue_item_id", "note", "created_at", "answered_at", "answered_by"],
        "properties": {
            "id": {"type": "integer"},
            "moderator": {"type": "string"},
            "kind": {"type": "string", "enum": list(REQUEST_KINDS)},
            "queue_item_id": {"type": "integer", "nullable": True},
            "note": {"type": "string", "nullable": True,
                     "description": "The moderator's own words: for them and their own supervisor only (else null)."},
            "created_at": _TIME,
            "answered_at": _TIME,
            "answered_by": {"type": "string", "nullable": True},
            "private_note": {"type": "object", "nullable": True, "required": ["body", "author", "updated_at"],
                             "description": "The supervisor's private note: for its author and the moderator only "
                                            "(on the supervision routes).",
                             "properties": {"body": {"type": "string"}, "author": {"type": "string", "nullable": True},
                                            "updated_at": _TIME}},
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
    "/api/v1/me/wellbeing": {
        "get": _get(f"What you have taken in: items you chose to see, by category, this shift; time since your last "
                    f"break; your limits. Never ranked or compared. {_OWN}", "getWellbeing", _ref("Wellbeing")),
    },
    "/api/v1/moderation/items/{item_id}/reveal": {
        "parameters": [_path_id("item_id")],
        "post": {"summary": f"Record that you chose to see this item's post (counted once per item per shift). "
                            f"`suggest_break` is true past the soft limit. {_MODERATORS}",
                 "operationId": "revealItem", "security": TOKEN,
                 "responses": {"200": _ok("Counted.", {"type": "object", "required": ["item_id", "suggest_break",
                                                                                       "wellbeing"], "properties": {
                     "item_id": {"type": "integer"}, "suggest_break": {"type": "boolean"},
                     "wellbeing": _ref("Wellbeing")}}), **_errors(401, 403, 404)}},
    },
    "/api/v1/moderation/items/{item_id}/stayed-with-me": {
        "parameters": [_path_id("item_id")],
        "post": _action(f"\"This one stayed with me\": ask your supervisor for a check-in about this item. "
                        f"{_MODERATORS}", "stayedWithMe", {"type": "object", "required": ["request"], "properties": {
                            "request": _ref("SupervisionRequest")}}, 404, status="201"),
    },
    "/api/v1/me/tap-out": {
        "post": _action(
            f"Tap out: your claims go back to the queue, you go off duty, and the supervisor on call is asked to "
            f"check in. Answers with your own safety plan and support lines. Audited. {_MODERATORS}", "tapOut",
            {"type": "object", "required": ["released", "on_duty", "request", "safety_plan", "resources"],
             "properties": {"released": _COUNT, "on_duty": {"type": "boolean"}, "request": _ref("SupervisionRequest"),
                            "safety_plan": {"type": "object", "nullable": True}, "resources": {"type": "array",
                                                                                               "items": {}}}}),
    },
    "/api/v1/me/break": {
        "get": _get(f"Whether you are on a break. {_MODERATORS}", "getBreak", _ref("ModeratorBreak")),
        "post": {"summary": f"Take a break of the admin-set length; your claims are kept for you until it ends "
                            f"(a crisis item goes back to the queue if someone else is on duty). {_MODERATORS}",
                 "operationId": "startBreak", "security": TOKEN,
                 "responses": {"200": _ok("On a break.", _ref("ModeratorBreak")), **_errors(401, 403)}},
        "delete": {"summary": f"End your break early. {_MODERATORS}", "operationId": "endBreak", "security": TOKEN,
                   "responses": {"200": _ok("Back.", _ref("ModeratorBreak")), **_errors(401, 403)}},
    },
    "/api/v1/me/opt-outs": {
        "get": _get(f"Categories you chose not to review. {_MODERATORS}", "getOptOuts", _ref("OptOuts")),
        "put": _change(f"Choose categories not to review; the queue leaves them out while someone else on duty "
                       f"covers them. Private: not audited. {_MODERATORS}", "putOptOuts",
                       {"type": "object", "required": ["categories"], "properties": {"categories": _CATEGORY_LIST}},
                       _ref("OptOuts")),
    },
    "/api/v1/admin/care-limits": {
        "get": _get(f"The soft and hard exposure limits and the break length. {_ADMIN}", "getCareLimits",
                    _ref("CareLimits")),
        "put": _change(f"Change the limits (any of them; soft below hard). Audited. {_ADMIN}", "putCareLimits",
                       {"type": "object", "additionalProperties": False, "properties": {
                           "soft": _LIMIT, "hard": _LIMIT, "break_minutes": _BREAK}}, _ref("CareLimits")),
    },
    "/api/v1/supervision/requests": {
        "get": _get(f"Check-in requests and tap-outs of the moderators you look after (admins: all), newest first. "
                    f"{_SUPERVISORS}",
                    "listSupervisionRequests", {"type": "object", "required": ["requests"], "properties": {
                        "requests": {"type": "array", "items": _ref("SupervisionRequest")}}}),
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
