"""Form helpers shared by every blueprint."""
import json

from flask_wtf import FlaskForm

from forum.services import InvalidInput


def show_errors(form: FlaskForm, error: InvalidInput) -> None:
    """Attach a service's field errors to form fields that have none yet, for the template to show
    (errors about things the page has no field for are the caller's to explain)."""
    for name, message in error.fields.items():
        field = getattr(form, name, None)
        if field is not None and not field.errors:
            field.errors = [message]


def parsed_json(text: str, field: str):
    """JSON typed into a textarea; a syntax error becomes the field's error, like any other."""
    try:
        return json.loads(text or "")
    except json.JSONDecodeError as error:
        raise InvalidInput({field: f"not valid JSON: {error}"}) from error
