"""Reading and writing: boards, threads, replies and edits."""
from flask import Blueprint

from forum.messages import STATUS_LABELS

bp = Blueprint("boards", __name__)


@bp.app_context_processor
def post_words() -> dict:
    return {"status_labels": STATUS_LABELS}

from forum.boards import routes  # noqa: E402,F401  (routes register on bp)
