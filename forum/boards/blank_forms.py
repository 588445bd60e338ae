"""The thread page's empty reply box and report form, rendered once per app rather than once per view.

Until someone types, both are the same for every reader and every thread: building them with WTForms
and their macros on each view cost about a sixth of a thread page's server time. Only the tokens differ
(the CSRF token and the reply's one-time submission token), and the page writes those itself. With
template auto-reload on (development), they are rendered afresh each time so edits show at once.
"""
from typing import Callable

from flask import current_app, render_template
from markupsafe import Markup

from forum.boards.forms import PostForm, ReportForm

_RENDERED = "harbour.blank_forms"
NO_CSRF = {"csrf": False}  # the page writes the token


def reply_fields() -> Markup:
    """The reply box's fields and buttons, without its tokens."""
    return _once("reply", _render_reply_fields)


def report_fields() -> Markup:
    """A report form's reasons, note and button, without its CSRF token."""
    return _once("report", _render_report_fields)


def _render_reply_fields() -> str:
    return render_template("boards/_reply_fields.html", form=PostForm(formdata=None, meta=NO_CSRF))


def _render_report_fields() -> str:
    return render_template("boards/_report_fields.html", report_form=ReportForm(formdata=None, meta=NO_CSRF))


def _once(name: str, render: Callable[[], str]) -> Markup:
    app = current_app
    if app.jinja_env.auto_reload:
        return Markup(render())
    rendered = app.extensions.setdefault(_RENDERED, {})
    if name not in rendered:
        rendered[name] = Markup(render())
    return rendered[name]
