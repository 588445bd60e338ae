"""Reading and writing: boards, threads, replies and edits."""
from flask import Blueprint, g
from flask_login import current_user

from forum.care.routes import break_page_if_paused
from forum.messages import STATUS_LABELS
from forum.services import reading
from models import User
from moderation.reading import Display, note_labels

bp = Blueprint("boards", __name__)
# A global, not a context variable, so that imported macros can compare with it too.
bp.add_app_template_global(Display, "Display")
bp.before_request(break_page_if_paused)


@bp.app_context_processor
def post_words() -> dict:
    return {"status_labels": STATUS_LABELS}


@bp.app_template_filter("content_note")
def content_note(warnings) -> str:
    """A post's notes in reader-facing words: "self-harm, suicidal thoughts"."""
    return ", ".join(note_labels(warnings or []))

def current_reader() -> User | None:
    return current_user if current_user.is_authenticated else None


def current_reader_choices() -> dict[str, str] | None:
    """The signed-in reader's content-note choices, read once per request however many posts and titles ask."""
    if "reader_choices" not in g:
        g.reader_choices = reading.reader_choices(current_reader())
    return g.reader_choices


@bp.app_template_global("title_display")
def title_display(thread) -> str:
    """How the signed-in reader sees ``thread``'s title."""
    return reading.title_display(thread, current_reader(), current_reader_choices())


from forum.boards import routes  # noqa: E402,F401  (routes register on bp)
