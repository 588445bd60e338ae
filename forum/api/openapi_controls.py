"""The members'-own-controls part of the OpenAPI document: muting members.

Importing this module adds its paths and schemas to the one document served at
/api/v1/openapi.json, like ``openapi_care``.
"""
from forum.api.openapi import PATHS, SCHEMAS, TOKEN, _errors, _ok, _path_id, _ref

_MUTES = {"type": "object", "required": ["members"],
          "properties": {"members": {"type": "array", "items": _ref("MemberMute")}}}

CONTROLS_SCHEMAS = {
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

PATHS.update(CONTROLS_PATHS)
SCHEMAS.update(CONTROLS_SCHEMAS)
