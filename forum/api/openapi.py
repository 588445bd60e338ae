"""The OpenAPI 3 description of /api/v1, served at /api/v1/openapi.json.

Kept beside the routes it describes; a test checks that every route in the app
appears here with the same methods, and that the document validates.
"""
from flask import jsonify

from forum.api import bp
from forum.request_guard import ID_MAX, MAX_PAGE
from forum.services.posts import AUTHOR_NOTE_CHOICES
from moderation.taxonomy import ACTIONS, CATEGORIES, DECISIONS, REPORT_REASONS
from models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH
from models.resource import ALL_REGIONS
from models.safety_plan import PLAN_SECTION_MAX_LENGTH, PLAN_SECTIONS
from models.user import HANDLE_MAX_LENGTH, HANDLE_MIN_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from moderation.reading import CHOICES, DISPLAYS
from moderation.taxonomy import CATEGORIES


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict) -> dict:
    return {"content": {"application/json": {"schema": schema}}}


def _ok(description: str, schema: dict) -> dict:
    return {"description": description, **_json(schema)}


def _errors(*statuses: int) -> dict:
    return {str(status): {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"} for status in statuses}


def _body(schema: dict) -> dict:
    return {"required": True, **_json(schema)}


ERROR_RESPONSES = {
    400: ("BadRequest", "The body is not a JSON object."),
    401: ("Unauthorized", "Missing, unknown or revoked bearer token, or wrong credentials."),
    403: ("Forbidden", "The caller may not do this, or the account is suspended; code `training_required` when a "
                       "moderator must complete training first."),
    404: ("NotFound", "No such item, or not visible to the caller."),
    409: ("Conflict", "The handle is taken, the queue item is claimed by someone else or already decided, "
                      "or the item is not in a state that allows this."),
    413: ("PayloadTooLarge", "The request body is larger than the server accepts."),
    422: ("InvalidInput", "Fields are missing, blank, too long or invalid; see `fields`."),
    429: ("RateLimited", "Too many requests, or a slow mode (the contagion guard) asks the member to wait before "
                         "posting there again; retry after the `Retry-After` header."),
}

PAGE_PARAMETER = {
    "name": "page",
    "in": "query",
    "required": False,
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
}


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "A key you make for this one post (a UUID, say). Retrying with the same key and words returns the "
        "post stored the first time, with the header `Idempotent-Replayed: true`, instead of posting twice; "
        "the same key with other words is refused with 422."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 128},
}


def _path_id(name: str, schema_type: str = "integer") -> dict:
    schema = {"type": schema_type} | ({"minimum": 1, "maximum": ID_MAX} if schema_type == "integer" else {})
    return {"name": name, "in": "path", "required": True, "schema": schema}


CONTENT_NOTES = {
    "type": "array",
    "items": {"type": "string", "enum": list(AUTHOR_NOTE_CHOICES)},
    "description": "The author's own content notes; screening may add more. On an edit, leave it out to keep "
    "the notes chosen before.",
}

SCHEMAS = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["code", "message", "fields"],
                "properties": {
                    "code": {"type": "string", "example": "invalid_input"},
                    "message": {"type": "string"},
                    "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    },
    "Credentials": {
        "type": "object",
        "required": ["handle", "password"],
        "properties": {
            "handle": {
                "type": "string",
                "minLength": HANDLE_MIN_LENGTH,
                "maxLength": HANDLE_MAX_LENGTH,
                "pattern": "^[A-Za-z0-9_-]+$",
            },
            "password": {"type": "string", "minLength": PASSWORD_MIN_LENGTH, "maxLength": PASSWORD_MAX_LENGTH},
        },
    },
    "User": {
        "type": "object",
        "required": ["id", "handle"],
        "properties": {"id": {"type": "integer"}, "handle": {"type": "string"}},
    },
    "Board": {
        "type": "object",
        "required": ["slug", "name", "description"],
        "properties": {"slug": {"type": "string"}, "name": {"type": "string"}, "description": {"type": "string"}},
    },
    "Thread": {
        "type": "object",
        "required": ["id", "board", "title", "warnings", "author", "created_at", "last_activity_at"],
        "properties": {
            "id": {"type": "integer"},
            "board": {"type": "string", "description": "The board's slug."},
            "title": {"type": "string"},
            "warnings": {
                "type": "array",
                "items": {"type": "string", "enum": list(CATEGORIES)},
                "description": "The opening post's content notes, for a marker in thread lists.",
            },
            "author": {"type": "string", "description": "The author's handle."},
            "created_at": {"type": "string", "format": "date-time"},
            "last_activity_at": {"type": "string", "format": "date-time"},
            "display": {
                "type": "string", "enum": list(DISPLAYS),
                "description": "When reading: how to show the title to this reader, as openly as its opening post.",
            },
            "word_filter": {
                "type": "boolean",
                "description": "When reading: whether the reader's own word filter (not a content note) set `display`. "
                "A title their filter hides is replaced by \"Title hidden by your word filter\".",
            },
        },
    },
    "Post": {
        "type": "object",
        "required": ["id", "thread_id", "author", "body_html", "status", "warnings", "display", "created_at", "edited_at"],
        "properties": {
            "id": {"type": "integer"},
            "thread_id": {"type": "integer"},
            "author": {"type": "string", "description": "The author's handle."},
            "body_html": {"type": "string", "description": "Sanitised HTML rendered from the Markdown."},
            "body": {"type": "string", "description": "The raw Markdown; only for the post's author."},
            "status": {"type": "string", "enum": ["pending", "published", "held", "needs_edit", "removed"]},
            "warnings": {
                "type": "array",
                "items": {"type": "string", "enum": list(CATEGORIES)},
                "description": "Content-note labels readers see before the post.",
            },
            "display": {
                "type": "string",
                "enum": list(DISPLAYS),
                "description": "How the caller's reading preferences say to show the post: as it is, collapsed "
                "behind its content note, or hidden with a small placeholder. Authors always get `shown` for their own.",
            },
            "word_filter": {
                "type": "boolean",
                "description": "Whether the reader's own word filter (not a content note) set `display`; a post their "
                "filter hides comes with an empty `body_html`.",
            },
            "signposts": {"type": "array", "items": {"type": "string"}, "description": "Support resource keys."},
            "crisis_resources": {
                "type": "array",
                "items": _ref("Resource"),
                "description": "Only for the author of a post held as a crisis: the emergency number and crisis "
                "lines for their region, to show at once.",
            },
            "explanation": {
                "type": "string",
                "nullable": True,
                "description": "Only for the post's author: what screening decided, kindly worded.",
            },
            "created_at": {"type": "string", "format": "date-time"},
            "edited_at": {"type": "string", "format": "date-time", "nullable": True},
        },
    },
    "Finding": {
        "type": "object",
        "required": ["rule_id", "categories", "action", "reason", "spans"],
        "properties": {
            "rule_id": {"type": "string"},
            "categories": {"type": "array", "items": {"type": "string"}},
            "action": {"type": "string", "enum": list(ACTIONS)},
            "reason": {"type": "string"},
            "spans": {"type": "array", "items": _ref("Span")},
        },
    },
    "Span": {
        "type": "object",
        "required": ["start", "end", "text"],
        "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}},
    },
    "ScreenRequest": {
        "type": "object",
        "required": ["text"],
        "properties": {
            "text": {"type": "string"},
            "board": {"type": "string", "description": "The board's slug, for its strictness and rules."},
        },
    },
    "ScreenResult": {
        "type": "object",
        "required": ["action", "warnings", "signposts", "categories", "findings", "member_rules", "explanation"],
        "properties": {
            "action": {"type": "string", "enum": list(ACTIONS), "description": "What the text itself would get."},
            "warnings": {"type": "array", "items": {"type": "string"}},
            "signposts": {"type": "array", "items": {"type": "string"}},
            "categories": {"type": "object", "additionalProperties": {"type": "number"}},
            "findings": {"type": "array", "items": _ref("Finding")},
            "member_rules": {
                "type": "array",
                "items": _ref("Finding"),
                "description": "Rules about the member (e.g. new-member pre-moderation); they do not change `action`.",
            },
            "explanation": {"type": "string", "description": "The engine's kind words for the author."},
            "closing": {"type": "string", "description": "The last line the compose form shows."},
            "help": {
                "type": "object", "nullable": True,
                "description": "Only for a crisis draft: crisis lines for the member's region and whether they have "
                               "a safety plan; no content note is ever suggested then.",
            },
            "clear": {"type": "boolean", "description": "Nothing to change: the draft can simply go up."},
            "crisis": {"type": "boolean", "description": "The draft suggests the writer may be in danger now."},
            "suggested_notes": {
                "type": "array",
                "items": {"type": "object", "properties": {"category": {"type": "string"}, "label": {"type": "string"}}},
                "description": "Content notes the author may tick themselves.",
            },
        },
    },
    "NewReport": {
        "type": "object",
        "required": ["reason"],
        "properties": {"reason": {"type": "string", "enum": list(REPORT_REASONS)}, "note": {"type": "string"}},
    },
    "Report": {
        "type": "object",
        "required": ["post_id", "reason", "created"],
        "properties": {
            "post_id": {"type": "integer"},
            "reason": {"type": "string", "enum": list(REPORT_REASONS)},
            "created": {"type": "boolean", "description": "False when this member had already reported the post."},
        },
    },
    "QueueReason": {
        "type": "object",
        "required": ["source", "code", "label", "score", "spans", "detail", "crisis"],
        "properties": {
            "source": {"type": "string", "enum": ["category", "rule", "report"]},
            "code": {"type": "string", "description": "The category, rule id or report reason."},
            "label": {"type": "string", "description": "The reason in words, for moderators."},
            "score": {"type": "number", "nullable": True},
            "spans": {"type": "array", "items": _ref("Span")},
            "detail": {"type": "string"},
            "crisis": {"type": "boolean", "description": "Whether this reason says someone may be in danger now."},
        },
    },
    "QueueItem": {
        "type": "object",
        "required": ["id", "post_id", "priority", "reason", "reason_label", "reasons", "categories", "claimed_by",
                     "status", "board", "available_decisions"],
        "properties": {
            "id": {"type": "integer"},
            "post_id": {"type": "integer"},
            "kind": {"type": "string", "enum": ["screening", "report"]},
            "status": {"type": "string", "enum": ["open", "escalated", "resolved"]},
            "priority": {"type": "string", "enum": ["crisis", "worry", "routine"]},
            "reason": {"type": "string", "description": "The code of its most severe reason."},
            "reason_label": {"type": "string", "description": "Its most severe reason, in words."},
            "categories": {"type": "object", "additionalProperties": {"type": "number", "nullable": True}},
            "reasons": {"type": "array", "items": _ref("QueueReason"), "description": "Most severe first."},
            "board": {"type": "string", "description": "The name of the post's board."},
            "claimed_by": {"type": "string", "nullable": True, "description": "Handle of the claimant."},
            "claim_expires_at": {"type": "string", "format": "date-time", "nullable": True},
            "created_at": {"type": "string", "format": "date-time"},
            "available_decisions": {"type": "array", "items": {"type": "string", "enum": list(DECISIONS)}},
        },
    },
    "DecisionRequest": {
        "type": "object",
        "required": ["decision"],
        "properties": {
            "decision": {"type": "string", "enum": list(DECISIONS)},
            "warnings": {"type": "array", "items": {"type": "string", "enum": list(CATEGORIES)}},
            "body": {"type": "string", "description": "The edited text, for edit_and_approve."},
            "reason": {"type": "string", "description": "A guideline reason key: a category or `links`."},
            "note": {"type": "string", "description": "A private note for other moderators."},
        },
    },
    "Decision": {
        "type": "object",
        "required": ["id", "decision", "moderator", "status_before", "status_after"],
        "properties": {
            "id": {"type": "integer"},
            "decision": {"type": "string", "enum": list(DECISIONS)},
            "moderator": {"type": "string"},
            "reason": {"type": "string"},
            "status_before": {"type": "string"},
            "status_after": {"type": "string"},
            "warnings_before": {"type": "array", "items": {"type": "string"}},
            "warnings_after": {"type": "array", "items": {"type": "string"}},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "Pagination": {
        "type": "object",
        "required": ["page", "per_page", "total", "pages"],
        "properties": {name: {"type": "integer"} for name in ("page", "per_page", "total", "pages")},
    },
    "PostBody": {
        "type": "object",
        "required": ["body"],
        "properties": {
            "body": {"type": "string", "minLength": 1, "maxLength": BODY_MAX_LENGTH},
            "content_notes": CONTENT_NOTES,
        },
    },
    "NewThread": {
        "type": "object",
        "required": ["title", "body"],
        "properties": {
            "title": {"type": "string", "minLength": 1, "maxLength": TITLE_MAX_LENGTH},
            "body": {"type": "string", "minLength": 1, "maxLength": BODY_MAX_LENGTH},
            "content_notes": CONTENT_NOTES,
        },
    },
    "Preferences": {
        "type": "object",
        "required": ["warnings", "region"],
        "properties": {
            "warnings": {
                "type": "object",
                "description": "For each content-note category: show, collapse (the default) or hide such posts.",
                "required": list(CATEGORIES),
                "properties": {category: {"type": "string", "enum": list(CHOICES)} for category in CATEGORIES},
                "additionalProperties": False,
            },
            "region": {"type": "string", "enum": list(ALL_REGIONS), "description": "Region for help services."},
        },
    },
    "PreferencesUpdate": {
        "type": "object",
        "description": "Any categories to change, and optionally the region; others stay as they are.",
        "properties": {
            "warnings": {
                "type": "object",
                "properties": {category: {"type": "string", "enum": list(CHOICES)} for category in CATEGORIES},
                "additionalProperties": False,
            },
            "region": {"type": "string", "enum": list(ALL_REGIONS)},
        },
        "additionalProperties": False,
    },
    "SafetyPlan": {
        "type": "object",
        "description": "Your own safety plan; nobody else can read it, moderators included.",
        "required": [*PLAN_SECTIONS, "updated_at"],
        "properties": {
            **{section: {"type": "string"} for section in PLAN_SECTIONS},
            "updated_at": {"type": "string", "format": "date-time", "nullable": True},
        },
    },
    "MemberExport": {
        "type": "object",
        "required": ["account"],
        "properties": {"account": {"type": "object"}},
        "additionalProperties": {"type": "array", "items": {"type": "object"}},
    },
    "AccountDeletion": {
        "type": "object",
        "required": ["password", "posts"],
        "properties": {
            "password": {"type": "string"},
            "posts": {"type": "string", "enum": ["remove", "keep_anonymous"]},
        },
    },
    "SafetyPlanUpdate": {
        "type": "object",
        "description": "Any sections to change; others stay as they are.",
        "properties": {section: {"type": "string", "maxLength": PLAN_SECTION_MAX_LENGTH} for section in PLAN_SECTIONS},
        "additionalProperties": False,
    },
}

TOKEN = [{"bearerAuth": []}]

PATHS = {
    "/api/v1/openapi.json": {
        "get": {
            "summary": "This document.",
            "operationId": "getOpenApi",
            "responses": {"200": _ok("The OpenAPI document.", {"type": "object"})},
        }
    },
    "/api/v1/users": {
        "post": {
            "summary": "Register a member; registering accepts the community guidelines.",
            "operationId": "createUser",
            "requestBody": _body(_ref("Credentials")),
            "responses": {"201": _ok("The new member.", _ref("User")), **_errors(400, 409, 413, 422, 429)},
        }
    },
    "/api/v1/tokens": {
        "post": {
            "summary": "Exchange a handle and password for a bearer token (shown once).",
            "operationId": "createToken",
            "requestBody": _body(_ref("Credentials")),
            "responses": {
                "201": _ok(
                    "A new token.",
                    {"type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}},
                ),
                **_errors(400, 401, 403, 413, 422, 429),
            },
        }
    },
    "/api/v1/tokens/current": {
        "delete": {
            "summary": "Revoke the token used for this request.",
            "operationId": "revokeCurrentToken",
            "security": TOKEN,
            "responses": {"204": {"description": "Revoked."}, **_errors(401)},
        }
    },
    "/api/v1/boards": {
        "get": {
            "summary": "All boards, in display order.",
            "operationId": "listBoards",
            "responses": {
                "200": _ok(
                    "The boards.",
                    {
                        "type": "object",
                        "required": ["boards"],
                        "properties": {"boards": {"type": "array", "items": _ref("Board")}},
                    },
                )
            },
        }
    },
    "/api/v1/boards/{slug}/threads": {
        "parameters": [_path_id("slug", "string")],
        "get": {
            "summary": "A page of the board's threads the caller may see, most recently active first; threads the "
                       "caller muted, and threads by members they muted, are left out.",
            "operationId": "listThreads",
            "security": TOKEN,
            "parameters": [PAGE_PARAMETER],
            "responses": {
                "200": _ok(
                    "A page of threads.",
                    {
                        "type": "object",
                        "required": ["board", "threads", "pagination"],
                        "properties": {
                            "board": _ref("Board"),
                            "threads": {"type": "array", "items": _ref("Thread")},
                            "pagination": _ref("Pagination"),
                        },
                    },
                ),
                **_errors(401, 404, 422),
            },
        },
        "post": {
            "summary": "Start a thread with its opening post.",
            "operationId": "createThread",
            "security": TOKEN,
            "parameters": [IDEMPOTENCY_KEY],
            "requestBody": _body(_ref("NewThread")),
            "responses": {
                "201": _ok(
                    "The new thread and its opening post.",
                    {
                        "type": "object",
                        "required": ["thread", "post"],
                        "properties": {"thread": _ref("Thread"), "post": _ref("Post")},
                    },
                ),
                **_errors(400, 401, 404, 413, 422, 429),
            },
        },
    },
    "/api/v1/threads/{thread_id}": {
        "parameters": [_path_id("thread_id")],
        "get": {
            "summary": "A thread and a page of the posts the caller may see.",
            "operationId": "getThread",
            "security": TOKEN,
            "parameters": [PAGE_PARAMETER],
            "responses": {
                "200": _ok(
                    "The thread and a page of posts.",
                    {
                        "type": "object",
                        "required": ["thread", "posts", "signposts", "pagination"],
                        "properties": {
                            "thread": _ref("Thread"),
                            "posts": {"type": "array", "items": _ref("Post"),
                                      "description": "Posts by members the caller muted are left out (the "
                                      "pagination still counts them); moderators can't be muted."},
                            "signposts": {"type": "array", "items": {"type": "string"},
                                          "description": "Every support resource key the page's posts ask for, "
                                          "left-out posts included, so muting never hides help."},
                            "pagination": _ref("Pagination"),
                        },
                    },
                ),
                **_errors(401, 404, 422),
            },
        },
    },
    "/api/v1/threads/{thread_id}/posts": {
        "parameters": [_path_id("thread_id")],
        "post": {
            "summary": "Reply to a thread.",
            "operationId": "createPost",
            "security": TOKEN,
            "parameters": [IDEMPOTENCY_KEY],
            "requestBody": _body(_ref("PostBody")),
            "responses": {"201": _ok("The new post.", _ref("Post")), **_errors(400, 401, 404, 413, 422, 429)},
        },
    },
    "/api/v1/posts/{post_id}": {
        "parameters": [_path_id("post_id")],
        "get": {
            "summary": "One post, if the caller may see it.",
            "operationId": "getPost",
            "security": TOKEN,
            "responses": {"200": _ok("The post.", _ref("Post")), **_errors(401, 404)},
        },
        "patch": {
            "summary": "Edit your own post; the earlier text is kept as a revision.",
            "operationId": "editPost",
            "security": TOKEN,
            "requestBody": _body(_ref("PostBody")),
            "responses": {"200": _ok("The edited post.", _ref("Post")), **_errors(400, 401, 403, 404, 413, 422, 429)},
        },
    },
    "/api/v1/me/preferences": {
        "get": {
            "summary": "Your reading preferences: how posts with each content note are shown to you.",
            "operationId": "getPreferences",
            "security": TOKEN,
            "responses": {"200": _ok("Your preferences.", _ref("Preferences")), **_errors(401)},
        },
        "put": {
            "summary": "Change some or all of your reading preferences.",
            "operationId": "putPreferences",
            "security": TOKEN,
            "requestBody": _body(_ref("PreferencesUpdate")),
            "responses": {"200": _ok("Your preferences now.", _ref("Preferences")), **_errors(400, 401, 413, 422)},
        },
    },
    "/api/v1/me/safety-plan": {
        "get": {
            "summary": "Your own safety plan (empty sections if you haven't written one).",
            "operationId": "getSafetyPlan",
            "security": TOKEN,
            "responses": {"200": _ok("Your plan.", _ref("SafetyPlan")), **_errors(401)},
        },
        "put": {
            "summary": "Write or change your own safety plan.",
            "operationId": "putSafetyPlan",
            "security": TOKEN,
            "requestBody": _body(_ref("SafetyPlanUpdate")),
            "responses": {"200": _ok("Your plan now.", _ref("SafetyPlan")), **_errors(400, 401, 413, 422)},
        },
    },
    "/api/v1/me/export": {
        "get": {
            "summary": "Everything Harbour holds about you: your account and one list of rows per kind of data.",
            "operationId": "exportMyData",
            "security": TOKEN,
            "responses": {"200": _ok("Your data.", _ref("MemberExport")), **_errors(401)},
        },
    },
    "/api/v1/me": {
        "delete": {
            "summary": "Delete your account. Your posts are removed or kept as \"former member\", as you choose; "
            "safety records are kept without your handle for the period the privacy page states.",
            "operationId": "deleteMe",
            "security": TOKEN,
            "requestBody": _body(_ref("AccountDeletion")),
            "responses": {
                "200": _ok(
                    "The account is deleted; its tokens no longer work.",
                    {
                        "type": "object",
                        "required": ["deleted", "message"],
                        "properties": {"deleted": {"type": "boolean"}, "message": {"type": "string"}},
                    },
                ),
                **_errors(400, 401, 422),
            },
        },
    },
    "/api/v1/posts/{post_id}/reports": {
        "parameters": [_path_id("post_id")],
        "post": {
            "summary": "Report a post to the moderators; reporting it again changes nothing.",
            "operationId": "reportPost",
            "security": TOKEN,
            "requestBody": _body(_ref("NewReport")),
            "responses": {
                "201": _ok("The report was filed.", _ref("Report")),
                "200": _ok("This member had already reported the post.", _ref("Report")),
                **_errors(400, 401, 404, 422),
            },
        },
    },
    "/api/v1/screen": {
        "post": {
            "summary": "The verdict a draft would get, for compose-time nudges; nothing is stored.",
            "operationId": "screenText",
            "security": TOKEN,
            "requestBody": _body(_ref("ScreenRequest")),
            "responses": {"200": _ok("The preview verdict.", _ref("ScreenResult")), **_errors(400, 401, 422, 429)},
        },
    },
    "/api/v1/moderation/queue": {
        "get": {
            "summary": "Queue items the moderator can act on: crisis first, then worry reports, then oldest.",
            "operationId": "listQueue",
            "security": TOKEN,
            "parameters": [
                PAGE_PARAMETER,
                *({"name": name, "in": "query", "required": False, "schema": {"type": "string"}}
                  for name in ("category", "board", "reason")),
            ],
            "responses": {
                "200": _ok(
                    "A page of queue items and counts per priority.",
                    {
                        "type": "object",
                        "required": ["items", "counts", "pagination"],
                        "properties": {
                            "items": {"type": "array", "items": _ref("QueueItem")},
                            "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
                            "pagination": _ref("Pagination"),
                        },
                    },
                ),
                **_errors(401, 403, 422),
            },
        },
    },
    "/api/v1/moderation/items/{item_id}": {
        "parameters": [_path_id("item_id")],
        "get": {
            "summary": "What the item page shows: the post, its reasons in words (most severe first), the thread "
                       "before it, the author's recent moderation history and the decisions open to the caller.",
            "operationId": "getItem",
            "security": TOKEN,
            "responses": {
                "200": _ok(
                    "The item's context.",
                    {
                        "type": "object",
                        "required": ["item", "post", "screening", "earlier", "history"],
                        "properties": {
                            "item": _ref("QueueItem"),
                            "post": {"type": "object"},
                            "screening": {"type": "object", "nullable": True},
                            "earlier": {"type": "array", "items": {"type": "object"}},
                            "history": {"type": "array", "items": _ref("Decision")},
                        },
                    },
                ),
                **_errors(401, 403, 404),
            },
        },
    },
    "/api/v1/moderation/items/{item_id}/claim": {
        "parameters": [_path_id("item_id")],
        "post": {
            "summary": "Claim an item exclusively for a while (a new claim is audited); 409 while someone else holds it, "
                       "403 `training_required` before training.",
            "operationId": "claimItem",
            "security": TOKEN,
            "responses": {"200": _ok("Claimed by the caller.", _ref("QueueItem")), **_errors(401, 403, 404, 409)},
        },
    },
    "/api/v1/moderation/items/{item_id}/decision": {
        "parameters": [_path_id("item_id")],
        "post": {
            "summary": "Decide an item (claiming it if free); recorded as an audit entry and a label.",
            "operationId": "decideItem",
            "security": TOKEN,
            "requestBody": _body(_ref("DecisionRequest")),
            "responses": {
                "200": _ok(
                    "The decision, the item and the post afterwards.",
                    {
                        "type": "object",
                        "required": ["decision", "item", "post"],
                        "properties": {"decision": _ref("Decision"), "item": _ref("QueueItem"), "post": _ref("Post")},
                    },
                ),
                **_errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
}

DOCUMENT = {
    "openapi": "3.0.3",
    "info": {
        "title": "Harbour API",
        "version": "1.0.0",
        "description": "A moderated peer-support forum. "
        'Errors are JSON: `{"error": {"code", "message", "fields"}}`.',
    },
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "responses": {
            name: {"description": description, **_json(_ref("Error"))} for name, description in ERROR_RESPONSES.values()
        },
    },
}


@bp.get("/openapi.json")
def openapi_document():
    return jsonify(DOCUMENT)
