"""The one compose-time preview, answered alike over a bearer token (``POST /api/v1/screen``) and a
member's cookie session (``POST /compose/check``, the compose page's live nudge): same input, same
verdict, same guidance, same errors."""
from flask import jsonify

from forum.api.payload import json_object, text_fields
from forum.services import screening
from forum.services.drafts import compose_guidance
from models import User

PREVIEW_FIELDS = ("action", "warnings", "signposts", "categories", "findings", "member_rules")


def preview_response(member: User):
    """The draft's verdict and the guidance the compose form shows; nothing is stored.

    Raises ``InvalidInput`` for a missing or blank text or an unknown board; the caller answers it
    with the API's 422 shape.
    """
    data = json_object()
    (text,) = text_fields(data, "text")
    notes = data.get("content_notes") if isinstance(data.get("content_notes"), list) else []
    verdict = screening.preview_draft(text, member, data.get("board"))
    result = verdict.to_dict()
    return jsonify({name: result[name] for name in PREVIEW_FIELDS} | compose_guidance(verdict, member, notes))
