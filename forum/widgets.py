"""Form fields written as WTForms' own widgets write them, for a fraction of the cost.

WTForms builds every attribute with ``Markup.format``: on a thread page its reply box, report note and
hidden tokens cost as much as all of the page's posts. Plain inputs and textareas are written here
instead, attribute for attribute as WTForms writes them (sorted by name, ``True`` bare, ``False`` left
out, values escaped); any other widget, or a form that renders its own way, is still WTForms' own.
tests/forum/test_widgets.py compares the two for every field of every form.
"""
from flask import Flask
from markupsafe import Markup, escape
from wtforms.meta import DefaultMeta
from wtforms.widgets import HiddenInput, Input, TextArea
from wtforms.widgets.core import clean_key


def field_markup(field, **attributes) -> Markup:
    """``field(**attributes)``, the same markup."""
    widget = field.widget
    fast = _WRITERS.get(type(widget).__call__)
    if fast is None or type(field.meta).render_field is not DefaultMeta.render_field:
        return field(**attributes)
    given = {clean_key(name): value for name, value in attributes.items()}
    if field.render_kw is not None:
        given = {clean_key(name): value for name, value in field.render_kw.items()} | given
    return fast(widget, field, given)


def hidden_fields(form) -> Markup:
    """``form.hidden_tag()``, the same markup."""
    return Markup("\n").join(field_markup(field) for field in form if isinstance(field.widget, HiddenInput))


def _input(widget, field, attributes: dict) -> Markup:
    attributes.setdefault("id", field.id)
    attributes.setdefault("type", widget.input_type)
    if "value" not in attributes:
        attributes["value"] = field._value()
    datalist = getattr(field, "_datalist", None)
    if datalist is not None and "list" not in attributes:
        attributes["list"] = datalist if isinstance(datalist, str) else datalist.id
    for name, value in _validation_flags(widget, field, attributes):
        attributes[name] = value() if callable(value) else value
    return Markup(f"<input {_attributes(name=field.name, **attributes)}>")


def _textarea(widget, field, attributes: dict) -> Markup:
    attributes.setdefault("id", field.id)
    attributes.update(_validation_flags(widget, field, attributes))
    return Markup(f"<textarea {_attributes(name=field.name, **attributes)}>\r\n{escape(field._value())}</textarea>")


def _validation_flags(widget, field, attributes: dict) -> list[tuple]:
    """The flags validators set (``required``, ``maxlength``...) that the widget writes as attributes."""
    flags = getattr(field, "flags", None)
    flags = vars(flags) if flags is not None else {}
    wanted = set(widget.validation_attrs) - set(attributes)
    return [(name, value) for name, value in flags.items() if name in wanted]


def _attributes(**attributes) -> str:
    written = []
    for name, value in sorted(attributes.items()):
        name = clean_key(name)
        if value is True:
            written.append(escape(name))
        elif value is not False:
            written.append(f'{escape(name)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return " ".join(written)


_WRITERS = {Input.__call__: _input, TextArea.__call__: _textarea}


def init_app(app: Flask) -> None:
    app.add_template_global(field_markup)
    app.add_template_global(hidden_fields)
