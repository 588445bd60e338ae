"""The members'-own-controls part of the OpenAPI document: muting members, word filters and appeals.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_care``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _body, _errors, _ok, _path_id, _ref
from models.appeals import APPEAL_WINDOW_DAYS, NOTE_MAX_LENGTH
from moderation.taxonomy import APPEAL_OUTCOMES, APPEALABLE_DECISIONS, DECISIONS
from moderation.word_filters import FILTER_CHOICES, FILTERS_MAX, PHRASE_MAX_LENGTH

_MUTES = {"type": "object", "required": ["members"],
          "properties": {"members": {"type": "array", "items": _ref("MemberMute")}}}

_FILTERS = {
    "type": "object", "required": ["filters", "limits"],
    "properties": {
        "filters": {"type": "array", "items": _ref("WordFilter")},
        "limits": {"type": "object", "required": ["filters", "phrase_length"], "properties": {
            "filters": {"type": "integer"}, "phrase_length": {"type": "integer"}}},
    },
}

_TIME = {"type": "string", "format": "date-time", "nullable": True}

CONTROLS_SCHEMAS = {
    "Appeal": {
        "type": "object",
        "required": ["id", "post_id", "decision", "note", "original_text", "outcome", "created_at", "settled_at"],
        "properties": {
            "id": {"type": "integer"},
            "post_id": {"type": "integer"},
            "decision": {"type": "string", "enum": list(APPEALABLE_DECISIONS), "description": "The decision appealed."},
            "note": {"type": "string"},
            "original_text": {"type": "string", "description": "The words as they were when the author appealed."},
            "outcome": {"type": "string", "enum": [*APPEAL_OUTCOMES, None], "nullable": True,
                        "description": "Null until another moderator has looked."},
            "created_at": {"type": "string", "format": "date-time"},
            "settled_at": _TIME,
        },
    },
    "WordFilter": {
        "type": "object",
        "required": ["id", "phrase", "choice", "created_at"],
        "properties": {
            "id": {"type": "integer"},
            "phrase": {"type": "string"},
            "choice": {"type": "string", "enum": list(FILTER_CHOICES)},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "NewWordFilter": {
        "type": "object",
        "required": ["phrase"],
        "additionalProperties": False,
        "properties": {
            "phrase": {"type": "string", "maxLength": PHRASE_MAX_LENGTH,
                       "description": "A word or phrase with at least one letter or number; matched as whole words, "
                       "Unicode-casefolded, in posts and thread titles."},
            "choice": {"type": "string", "enum": list(FILTER_CHOICES), "default": FILTER_CHOICES[0]},
        },
    },
    "MemberMute": {
        "type": "object",
        "required": ["handle", "muted_at"],
        "properties": {"handle": {"type": "string"}, "muted_at": {"type": "string", "format": "date-time"}},
    },
}


def _operation(summary: str, operation: str, *errors: int) -> dict:
    return {"summary": summary, "operationId": operation, "security": TOKEN,
            "responses": {"200": _ok("The members you have muted now.", _MUTES), **_errors(401, *errors)}}


CONTROLS_PATHS = {
    "/api/v1/me/mutes/members": {
        "get": _operation("The members you muted: their threads and posts are left out of your lists, pages "
                          "and API listings. They are never told.", "listMemberMutes"),
    },
    "/api/v1/me/mutes/members/{handle}": {
        "parameters": [_path_id("handle", "string")],
        "put": _operation("Mute a member (again is harmless). You can't mute yourself or a moderator (422), "
                          "so a moderator's note always reaches you.", "muteMember", 404, 422),
        "delete": _operation("Unmute a member (not muted is harmless).", "unmuteMember", 404),
    },
}

CONTROLS_PATHS |= {
    "/api/v1/me/word-filters": {
        "get": {"summary": "Your word filters and their limits.", "operationId": "listWordFilters", "security": TOKEN,
                "responses": {"200": _ok("Your word filters.", _FILTERS), **_errors(401)}},
        "post": {
            "summary": f"Add a word filter: posts and titles with the phrase are collapsed (default) or hidden for you, "
                       f"and marked `word_filter` in listings. Up to {FILTERS_MAX} filters (422 past that); a phrase "
                       f"you already filter, in any capitals, is 409.",
            "operationId": "addWordFilter", "security": TOKEN, "requestBody": _body(_ref("NewWordFilter")),
            "responses": {"201": _ok("The new filter.", _ref("WordFilter")), **_errors(400, 401, 409, 413, 422)},
        },
    },
    "/api/v1/me/word-filters/{filter_id}": {
        "parameters": [_path_id("filter_id")],
        "delete": {"summary": "Remove one of your word filters.", "operationId": "removeWordFilter", "security": TOKEN,
                   "responses": {"200": _ok("Your word filters now.", _FILTERS), **_errors(401, 404)}},
    },
}

CONTROLS_PATHS["/api/v1/posts/{post_id}/appeal"] = {
    "parameters": [_path_id("post_id")],
    "get": {
        "summary": "Whether your post's latest decision can be appealed, until when, and any appeal. The post's "
                   "author and moderators only.",
        "operationId": "getAppeal", "security": TOKEN,
        "responses": {"200": _ok("The appeal state.", {
            "type": "object", "required": ["can_appeal", "open_until", "decision"],
            "properties": {
                "can_appeal": {"type": "boolean"},
                "open_until": _TIME,
                "decision": {"type": "string", "enum": [*DECISIONS, None], "nullable": True},
                "appeal": {**_ref("Appeal"), "description": "Only when the post has been appealed."},
            },
        }), **_errors(401, 403, 404)},
    },
    "post": {
        "summary": f"Appeal a moderator's decision to return or remove your post: once per decision, within "
                   f"{APPEAL_WINDOW_DAYS} days, with a note of up to {NOTE_MAX_LENGTH} characters. The post goes back "
                   f"to the queue as an `appeal` item for a different moderator; you hear the outcome in your "
                   f"notifications. Only the author (403); a second appeal, a closed window or nothing to appeal is 409.",
        "operationId": "appealDecision", "security": TOKEN,
        "requestBody": _body({"type": "object", "required": ["note"], "properties": {
            "note": {"type": "string", "minLength": 1, "maxLength": NOTE_MAX_LENGTH}}}),
        "responses": {"201": _ok("The appeal.", _ref("Appeal")), **_errors(400, 401, 403, 404, 409, 413, 422)},
    },
}

PATHS.update(CONTROLS_PATHS)
SCHEMAS.update(CONTROLS_SCHEMAS)
