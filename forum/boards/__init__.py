"""Reading and writing: boards, threads, replies and edits."""
from flask import Blueprint, g
from flask_login import current_user

from forum.care.routes import break_page_if_paused
from forum.messages import STATUS_LABELS, TITLE_FILTERED
from forum.services.queue import APPEALABLE_STATUSES
from forum.services import reading
from moderation.reading import Display, note_labels

bp = Blueprint("boards", __name__)
# A global, not a context variable, so that imported macros can compare with it too.
bp.add_app_template_global(Display, "Display")
bp.add_app_template_global(TITLE_FILTERED, "TITLE_FILTERED")
bp.before_request(break_page_if_paused)


@bp.app_context_processor
def post_words() -> dict:
    return {"status_labels": STATUS_LABELS, "appealable_statuses": APPEALABLE_STATUSES}


@bp.app_template_filter("content_note")
def content_note(warnings) -> str:
    """A post's notes in reader-facing words: "self-harm, suicidal thoughts"."""
    return ", ".join(note_labels(warnings or []))


@bp.app_template_global("title_display")
def title_display(thread) -> str:
    """How the signed-in reader sees ``thread``'s title (their choices are read once per request)."""
    return reading.title_display(thread, request_reader_view())


def request_reader_view() -> reading.ReaderView:
    """The signed-in reader's choices and mutes, read once per request."""
    if "reader_view" not in g:
        g.reader_view = reading.reader_view(current_user if current_user.is_authenticated else None)
    return g.reader_view


from forum.boards import routes  # noqa: E402,F401  (routes register on bp)
