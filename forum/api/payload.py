"""Reading JSON request bodies into validated text fields."""
from flask import abort, request

from forum.services import InvalidInput


def json_object() -> dict:
    """The request's JSON object; anything else is a 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400, "The request body must be a JSON object.")
    return data


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
