"""forum.widgets writes fields exactly as WTForms does, for every field of every form Harbour has."""
import pytest
from flask_wtf import FlaskForm
from markupsafe import Markup

from forum.widgets import field_markup, hidden_fields

HOSTILE = 'a "quoted" <b>bold</b> & \'single\''
ATTRIBUTE_SETS = [
    {}, {"aria-describedby": "x-hint", "aria-invalid": "true"}, {"id": False}, {"class_": "wide", "data_x": 1},
]


def _all_forms() -> list[type]:
    found, pending = [], list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        found.append(form)
        pending.extend(form.__subclasses__())
    return sorted(found, key=lambda form: form.__qualname__)


@pytest.mark.parametrize("submitted", [False, True])
def test_every_field_is_written_as_wtforms_writes_it(app, submitted):
    forms = _all_forms()
    assert len(forms) > 20  # all of Harbour's forms were found
    written = 0
    for form_class in forms:
        with app.test_request_context("/"):
            names = [field.name for field in form_class()]
        data = {name: HOSTILE for name in names} if submitted else {}  # values to escape, in every field
        with app.test_request_context("/", method="POST" if submitted else "GET", data=data):
            form = form_class()
            for field in form:
                for attributes in ATTRIBUTE_SETS:
                    assert field_markup(field, **attributes) == field(**attributes), (form_class, field.name)
                    written += 1
            assert hidden_fields(form) == form.hidden_tag()
    assert written > 100


def test_the_markup_is_safe_to_place_in_a_page(app):
    with app.test_request_context("/"):
        from forum.boards.forms import ReportForm

        note = ReportForm().note
        note.data = HOSTILE
        markup = field_markup(note)
    assert isinstance(markup, Markup) and "<b>" not in markup and "&lt;b&gt;" in markup
