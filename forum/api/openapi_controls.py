"""The members'-own-controls part of the OpenAPI document: muting members and word filters.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_care``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _body, _errors, _ok, _path_id, _ref
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

CONTROLS_SCHEMAS = {
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

PATHS.update(CONTROLS_PATHS)
SCHEMAS.update(CONTROLS_SCHEMAS)
