"""The JSON API under /api/v1, described by /api/v1/openapi.json."""
from flask import Blueprint

from forum.api.errors import error_response
from forum.services import HandleTaken, InvalidInput, NotAllowed
from forum.services.rulesets import NotADraft
from forum.services.training import TrainingRequired

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.errorhandler(InvalidInput)
def invalid_input(error: InvalidInput):
    return error_response(422, "Some fields need attention.", error.fields)


@bp.errorhandler(HandleTaken)
def handle_taken(error: HandleTaken):
    return error_response(409, "That handle is taken.", {"handle": "That handle is taken."})


@bp.errorhandler(NotAllowed)
def not_allowed(error: NotAllowed):
    return error_response(403, "You can't do that to this item.")


@bp.errorhandler(TrainingRequired)
def training_required(error: TrainingRequired):
    return error_response(403, "Complete moderator training before taking queue items or going on duty.",
                          code="training_required")


@bp.errorhandler(NotADraft)
def not_a_draft(error: NotADraft):
    return error_response(409, "Only drafts change; the active version is already active.")


from forum.api import (  # noqa: E402,F401  (routes register on bp)
    accounts,
    appeals,
    care,
    contagion,
    content,
    controls,
    coverage,
    directory,
    duty,
    jobs,
    me,
    moderation,
    openapi,
    openapi_admin,
    openapi_care,
    openapi_controls,
    openapi_supervision,
    rulesets,
    supervision,
    supervisors,
    training,
)
