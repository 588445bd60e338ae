"""Form helpers shared by every blueprint."""
from flask_wtf import FlaskForm

from forum.services import InvalidInput


def show_errors(form: FlaskForm, error: InvalidInput) -> None:
    """Attach a service's field errors to form fields that have none yet, for the template to show."""
    for name, message in error.fields.items():
        field = getattr(form, name)
        if not field.errors:
            field.errors = [message]
