"""Supervisors' pages: the moderators they look after, their requests and load, notes, sessions and check-ins.

Supervisors (and admins acting as one) only; what each may read is decided in
``forum.services.supervision``.
"""
from flask import Blueprint, abort
from flask_login import current_user

from forum import messages
from forum.extensions import login

bp = Blueprint("supervision", __name__, url_prefix="/supervision")


@bp.before_request
def supervisors_only():
    if not current_user.is_authenticated:
        return login.unauthorized()
    if not current_user.is_supervisor:
        abort(403)


@bp.app_context_processor
def request_labels() -> dict:
    """Check-in request kinds in words, for the supervision pages and the moderator's own page."""
    return {"request_labels": messages.REQUEST_KIND_LABELS}


from forum.supervision import routes  # noqa: E402,F401  (routes register on bp)
