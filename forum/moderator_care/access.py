"""The training gate in front of the queue's item pages, the duty heartbeat, and what every queue page knows."""
from flask import flash, has_request_context, redirect, request, url_for
from flask_login import current_user

from forum.services import duty, training

# The queue's pages that act on items; the queue list itself stays open so a trainee can see what waits.
GATED_ENDPOINTS = {"moderate.item", "moderate.claim", "moderate.decide"}


def gate_and_heartbeat():
    """Before queue pages: untrained moderators go to training; activity keeps a shift alive."""
    if request.blueprint not in ("moderate", "moderator_care") or not current_user.is_authenticated:
        return None
    if not current_user.is_moderator:
        return None
    if request.endpoint in GATED_ENDPOINTS and not training.is_trained(current_user):
        flash("Please complete moderator training before working on queue items.", "info")
        return redirect(url_for("moderator_care.training"))
    duty.heartbeat(current_user)
    return None


def care_context() -> dict:
    """The moderator's duty and training state, for the queue page's duty panel."""
    if not has_request_context() or request.blueprint not in ("moderate", "moderator_care") or not current_user.is_authenticated:
        return {}
    if not current_user.is_moderator:
        return {}
    return {"duty_state": duty.duty_state(current_user), "training_state": training.status(current_user)}
