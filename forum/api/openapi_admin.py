"""The admin part of the OpenAPI document: rule-set versions and the help directory.

Kept apart so the main document stays readable; importing this module adds its
paths and schemas to the one document served at /api/v1/openapi.json.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _body, _errors, _json, _ok, _path_id, _ref
from forum.services.directory import KINDS
from models.contagion import ContagionSettings
from models.jobs import JobKind
from models.resource import ALL_REGIONS
from moderation.taxonomy import ACTIONS, CATEGORIES

_STRING = {"type": "string"}
_NULLABLE_STRING = {"type": "string", "nullable": True}
_TIME = {"type": "string", "format": "date-time", "nullable": True}

ADMIN_SCHEMAS = {
    "RuleSetDocument": {
        "type": "object",
        "description": "A rule-set document; see moderation/rules.py. Unknown fields are refused.",
        "required": ["thresholds"],
        "properties": {
            "thresholds": {
                "type": "object",
                "description": "{category: {action: probability}}",
                "additionalProperties": {"type": "object", "additionalProperties": {"type": "number"}},
            },
            "rules": {"type": "array", "items": {"type": "object"}},
            "allow": {"type": "array", "items": _STRING},
            "new_member_hold": {"type": "integer", "minimum": 0},
            "links": _STRING,
        },
    },
    "RuleSetSummary": {
        "type": "object",
        "required": ["id", "number", "status", "version", "note", "created_at", "activated_at", "based_on"],
        "properties": {
            "id": {"type": "integer"},
            "number": {"type": "integer"},
            "status": {"type": "string", "enum": ["draft", "active", "retired"]},
            "version": {"type": "string", "description": "The label screening records carry."},
            "note": _STRING,
            "created_by": {"type": "integer", "nullable": True},
            "created_at": _TIME,
            "activated_at": _TIME,
            "based_on": {"type": "integer", "nullable": True},
        },
    },
    "RuleSetVersion": {
        "allOf": [_ref("RuleSetSummary"), {"type": "object", "required": ["document"], "properties": {"document": _ref("RuleSetDocument")}}]
    },
    "Finding": {
        "type": "object",
        "required": ["rule_id", "categories", "action", "reason", "spans"],
        "properties": {
            "rule_id": _STRING,
            "categories": {"type": "array", "items": {"type": "string", "enum": list(CATEGORIES)}},
            "action": {"type": "string", "enum": list(ACTIONS)},
            "reason": _STRING,
            "spans": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["start", "end", "text"],
                    "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": _STRING},
                },
            },
        },
    },
    "Verdict": {
        "type": "object",
        "required": ["action", "warnings", "findings", "categories", "explanation_for_moderators", "ruleset_version"],
        "properties": {
            "action": {"type": "string", "enum": list(ACTIONS)},
            "warnings": {"type": "array", "items": _STRING},
            "signposts": {"type": "array", "items": _STRING},
            "findings": {"type": "array", "items": _ref("Finding")},
            "categories": {"type": "object", "additionalProperties": {"type": "number"}},
            "flagged": {"type": "array", "items": _STRING},
            "member_rules": {"type": "array", "items": _ref("Finding")},
            "explanation_for_author": _STRING,
            "explanation_for_moderators": _STRING,
            "model_version": _STRING,
            "ruleset_version": _STRING,
        },
    },
    "Job": {
        "type": "object",
        "required": ["id", "kind", "status", "progress", "result"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string", "enum": [kind.value for kind in JobKind]},
            "status": {"type": "string", "enum": ["queued", "running", "done", "failed"]},
            "progress": {"type": "number", "minimum": 0, "maximum": 1},
            "done": {"type": "integer"},
            "total": {"type": "integer"},
            "params": {"type": "object"},
            "result": {
                "type": "object",
                "nullable": True,
                "description": "For a backtest: total, changed, changes [{from, to, count}], confusion "
                "{moderator_implied_action: {draft_action: count}}, per_action {precision, recall}, flips. "
                "For a contagion backtest: days, settings, posts, embedded_now, count and clusters "
                "[{kind, post_ids, thread_ids, boards, categories, started_at, last_at}].",
            },
            "error": _NULLABLE_STRING,
            "created_at": _TIME,
            "started_at": _TIME,
            "finished_at": _TIME,
        },
    },
    "Resource": {
        "type": "object",
        "required": ["id", "key", "name", "region", "categories", "last_verified", "retired"],
        "properties": {
            "id": {"type": "integer"},
            "key": _STRING,
            "name": _STRING,
            "offer": _STRING,
            "region": {"type": "string", "enum": list(ALL_REGIONS)},
            "categories": {"type": "array", "items": {"type": "string", "enum": list(KINDS)}},
            "phone": _NULLABLE_STRING,
            "text_number": _NULLABLE_STRING,
            "text_keyword": _NULLABLE_STRING,
            "chat_url": _NULLABLE_STRING,
            "website": _NULLABLE_STRING,
            "hours": _STRING,
            "is_emergency": {"type": "boolean"},
            "position": {"type": "integer"},
            "last_verified": {"type": "string", "format": "date"},
            "retired": {"type": "boolean"},
        },
    },
}

_ADMIN = "Admins only."
ADMIN_PATHS = {
    "/api/v1/admin/rulesets": {
        "get": {
            "summary": f"Every rule-set version, newest first, and which is active. {_ADMIN}",
            "operationId": "listRuleSets",
            "security": TOKEN,
            "responses": {
                "200": _ok(
                    "The versions.",
                    {
                        "type": "object",
                        "required": ["active_id", "versions"],
                        "properties": {
                            "active_id": {"type": "integer", "nullable": True},
                            "versions": {"type": "array", "items": _ref("RuleSetSummary")},
                        },
                    },
                ),
                **_errors(401, 403),
            },
        },
        "post": {
            "summary": f'Start a draft copied from the active version or a version id. {_ADMIN}',
            "operationId": "createRuleSetDraft",
            "security": TOKEN,
            "requestBody": _body(
                {"type": "object", "properties": {"from": {"oneOf": [{"type": "string", "enum": ["active"]}, {"type": "integer"}]}}}
            ),
            "responses": {"201": _ok("The new draft.", _ref("RuleSetVersion")), **_errors(400, 401, 403, 404, 422)},
        },
    },
    "/api/v1/admin/rulesets/{version_id}": {
        "parameters": [_path_id("version_id")],
        "get": {
            "summary": f"One version with its document. {_ADMIN}",
            "operationId": "getRuleSet",
            "security": TOKEN,
            "responses": {"200": _ok("The version.", _ref("RuleSetVersion")), **_errors(401, 403, 404)},
        },
        "put": {
            "summary": f"Replace a draft's document; problems come back per field path. {_ADMIN}",
            "operationId": "updateRuleSetDraft",
            "security": TOKEN,
            "requestBody": _body({"type": "object", "required": ["document"], "properties": {"document": _ref("RuleSetDocument")}}),
            "responses": {"200": _ok("The draft.", _ref("RuleSetVersion")), **_errors(400, 401, 403, 404, 409, 422)},
        },
    },
    "/api/v1/admin/rulesets/{version_id}/try": {
        "parameters": [_path_id("version_id")],
        "post": {
            "summary": f"The verdict this version would give a text, next to the active version's. {_ADMIN}",
            "operationId": "tryRuleSet",
            "security": TOKEN,
            "requestBody": _body(
                {"type": "object", "required": ["text"], "properties": {"text": _STRING, "board": _STRING}}
            ),
            "responses": {
                "200": _ok(
                    "Both verdicts; the text is scored once.",
                    {
                        "type": "object",
                        "required": ["version", "active"],
                        "properties": {"version": _ref("Verdict"), "active": _ref("Verdict")},
                    },
                ),
                **_errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/api/v1/admin/rulesets/{version_id}/activate": {
        "parameters": [_path_id("version_id")],
        "post": {
            "summary": f"Make this version live; activating an earlier version is the rollback. {_ADMIN}",
            "operationId": "activateRuleSet",
            "security": TOKEN,
            "requestBody": _body(
                {
                    "type": "object",
                    "required": ["note"],
                    "properties": {
                        "note": _STRING,
                        "rescreen": {"type": "boolean", "description": "Re-screen the last week's published posts."},
                    },
                }
            ),
            "responses": {
                "200": _ok(
                    "The version, now active, with `rescreen_job_id` when a re-screen was started.",
                    {"allOf": [_ref("RuleSetSummary"), {"type": "object", "properties": {"rescreen_job_id": {"type": "integer"}}}]},
                ),
                **_errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/api/v1/admin/rulesets/{version_id}/backtest": {
        "parameters": [_path_id("version_id")],
        "post": {
            "summary": f"Start a backtest of this version over the last `limit` screened posts or `days` days "
            f"(default 1,000 posts); nothing changes. {_ADMIN}",
            "operationId": "backtestRuleSet",
            "security": TOKEN,
            "requestBody": _body(
                {"type": "object", "properties": {"limit": {"type": "integer", "minimum": 1}, "days": {"type": "integer", "minimum": 1}}}
            ),
            "responses": {
                "202": _ok("The job, started.", {"type": "object", "required": ["job_id"], "properties": {"job_id": {"type": "integer"}}}),
                **_errors(400, 401, 403, 404, 422),
            },
        },
    },
    "/api/v1/admin/jobs/{job_id}": {
        "parameters": [_path_id("job_id")],
        "get": {
            "summary": f"A background job's status, progress (0 to 1) and, when done, its result. {_ADMIN}",
            "operationId": "getJob",
            "security": TOKEN,
            "responses": {"200": _ok("The job.", _ref("Job")), **_errors(401, 403, 404)},
        },
    },
    "/api/v1/admin/resources": {
        "get": {
            "summary": f"Every service in the help directory, retired ones last. {_ADMIN}",
            "operationId": "listResources",
            "security": TOKEN,
            "responses": {
                "200": _ok(
                    "The directory.",
                    {"type": "object", "required": ["resources"], "properties": {"resources": {"type": "array", "items": _ref("Resource")}}},
                ),
                **_errors(401, 403),
            },
        },
        "post": {
            "summary": f"Add a service (verified today). {_ADMIN}",
            "operationId": "addResource",
            "security": TOKEN,
            "requestBody": _body(_ref("Resource")),
            "responses": {"201": _ok("The new service.", _ref("Resource")), **_errors(400, 401, 403, 422)},
        },
    },
    "/api/v1/admin/resources/{resource_id}": {
        "parameters": [_path_id("resource_id")],
        "patch": {
            "summary": f'Change fields; `"verified": true` records a check today. {_ADMIN}',
            "operationId": "editResource",
            "security": TOKEN,
            "requestBody": _body({"type": "object", "properties": {"verified": {"type": "boolean"}}}),
            "responses": {"200": _ok("The service.", _ref("Resource")), **_errors(400, 401, 403, 404, 422)},
        },
        "delete": {
            "summary": f"Retire a service: it is no longer offered, but its row stays. {_ADMIN}",
            "operationId": "retireResource",
            "security": TOKEN,
            "responses": {"200": _ok("The retired service.", _ref("Resource")), **_errors(401, 403, 404)},
        },
    },
}

_SETTING_TYPES = {"enabled": "boolean", "slow_mode": "boolean", "hold_joining": "boolean", "similarity": "number"}
CONTAGION_SCHEMAS = {
    "ContagionSettings": {
        "type": "object",
        "description": "window_hours: how far back the guard looks; min_posts: the size that makes a cluster; "
        "similarity: how alike (cosine of sentence embeddings, 0.3-0.95) posts must be; slow_mode and "
        "slow_mode_minutes: one post per member per N minutes where a cluster is; hold_joining: hold posts "
        "that join an active cluster for a moderator.",
        "additionalProperties": False,
        "properties": {name: {"type": _SETTING_TYPES.get(name, "integer")} for name in ContagionSettings.EDITABLE},
    },
    "SlowMode": {
        "type": "object",
        "required": ["id", "cluster_id", "minutes", "started_at", "ended_at"],
        "properties": {
            "id": {"type": "integer"},
            "cluster_id": {"type": "integer"},
            "thread_id": {"type": "integer", "nullable": True},
            "board": _NULLABLE_STRING,
            "minutes": {"type": "integer"},
            "started_at": _TIME,
            "ended_at": _TIME,
            "end_reason": _NULLABLE_STRING,
        },
    },
    "Cluster": {
        "type": "object",
        "required": ["id", "kind", "status", "categories", "posts", "slow_modes", "started_at", "last_at"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string", "enum": ["thread", "spread"]},
            "status": {"type": "string", "enum": ["active", "ended"]},
            "categories": {"type": "array", "items": {"type": "string", "enum": list(CATEGORIES)}},
            "posts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "post_id": {"type": "integer"}, "thread_id": {"type": "integer"}, "thread_title": _STRING,
                        "board": _STRING, "author": _STRING, "status": _STRING, "held_by_guard": {"type": "boolean"},
                        "created_at": _TIME,
                    },
                },
            },
            "slow_modes": {"type": "array", "items": _ref("SlowMode")},
            "queue_item_id": {"type": "integer", "nullable": True},
            "started_at": _TIME,
            "last_at": _TIME,
            "detected_at": _TIME,
            "ended_at": _TIME,
        },
    },
}
CONTAGION_PATHS = {
    "/api/v1/admin/contagion": {
        "get": {
            "summary": f"The contagion guard's settings, its active clusters and the newest 50. {_ADMIN}",
            "operationId": "getContagionGuard",
            "security": TOKEN,
            "responses": {
                "200": _ok("Settings and clusters.", {
                    "type": "object",
                    "required": ["settings", "active", "recent"],
                    "properties": {
                        "settings": _ref("ContagionSettings"),
                        "active": {"type": "array", "items": _ref("Cluster")},
                        "recent": {"type": "array", "items": _ref("Cluster")},
                    },
                }),
                **_errors(401, 403),
            },
        },
    },
    "/api/v1/admin/contagion/settings": {
        "put": {
            "summary": f"Change any of the guard's settings; audited with the diff. {_ADMIN}",
            "operationId": "updateContagionSettings",
            "security": TOKEN,
            "requestBody": _body(_ref("ContagionSettings")),
            "responses": {"200": _ok("The settings.", _ref("ContagionSettings")), **_errors(400, 401, 403, 422)},
        },
    },
    "/api/v1/admin/contagion/slow-modes/{slow_mode_id}/end": {
        "parameters": [_path_id("slow_mode_id")],
        "post": {
            "summary": f"End a slow mode now; audited. {_ADMIN}",
            "operationId": "endSlowMode",
            "security": TOKEN,
            "responses": {"200": _ok("The slow mode, ended.", _ref("SlowMode")), **_errors(401, 403, 404, 409)},
        },
    },
    "/api/v1/admin/contagion/backtest": {
        "post": {
            "summary": f"Start a backtest: the clusters the guard, as set now, would have found in the last `days` "
            f"days (default 30); nothing changes. {_ADMIN}",
            "operationId": "backtestContagionGuard",
            "security": TOKEN,
            "requestBody": _body({"type": "object", "properties": {"days": {"type": "integer", "minimum": 1, "maximum": 365}}}),
            "responses": {
                "202": _ok("The job, started.", {"type": "object", "required": ["job_id"], "properties": {"job_id": {"type": "integer"}}}),
                **_errors(400, 401, 403, 422),
            },
        },
    },
}

PATHS.update(ADMIN_PATHS)
PATHS.update(CONTAGION_PATHS)
SCHEMAS.update(CONTAGION_SCHEMAS)
SCHEMAS.update(ADMIN_SCHEMAS)
