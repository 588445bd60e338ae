"""Reading JSON request bodies into validated text fields."""
from flask import abort, request

from forum.services import InvalidInput


def json_object() -> dict:
    """The request's JSON object; anything else is a 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "The request body must be a JSON object.")
    return data


def optional_json_object() -> dict:
    """Like ``json_object``, but an empty body is an empty object (for actions whose fields are all optional)."""
    if not request.get_data():
        return {}
    return json_object()


def optional_note(data: dict) -> str | None:
    """The optional ``note`` field: absent or null is None; anything but text is a 422."""
    note = data.get("note")
    if note is not None and not isinstance(note, str):
        raise InvalidInput({"note": "This field must be text."})
    return note


def text_fields(data: dict, *names: str) -> list[str]:
    """The named fields as strings; missing or non-text fields are a 422 with field errors."""
    fields = {}
    for name in names:
        if name not in data:
            fields[name] = "This field is required."
        elif not isinstance(data[name], str):
            fields[name] = "This field must be text."
    if fields:
        raise InvalidInput(fields)
    return [data[name] for name in names]
