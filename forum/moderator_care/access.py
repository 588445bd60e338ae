"""The training gate in front of the queue's item pages, the duty heartbeat, and what every queue page knows."""
from flask import flash, has_request_context, redirect, request, url_for
from flask_login import current_user

from forum.messages import LEFT_FOR_OTHERS_HARD_LIMIT
from forum.services import care_limits, duty, exposure, queue_shield, training
from moderation.taxonomy import CATEGORY_LABELS, HARD_LIMIT_CATEGORIES
from models.base import isoformat

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
    """The moderator's duty, training and care state, for the queue page's duty and care panels."""
    if not has_request_context() or request.blueprint not in ("moderate", "moderator_care") or not current_user.is_authenticated:
        return {}
    if not current_user.is_moderator:
        return {}
    return {"duty_state": duty.duty_state(current_user), "training_state": training.status(current_user),
            "care_prompt": care_prompt(current_user)}


def care_prompt(moderator) -> dict:
    """Whether to suggest a break, whether one is running, and what the queue leaves to others now."""
    load = exposure.current_load(moderator)
    shield = queue_shield.shield_for(moderator)
    left = [CATEGORY_LABELS[category] for category in shield.covered_categories]
    return {
        "suggest_break": load.soft_reached and load.on_break_until is None,
        "on_break_until": isoformat(load.on_break_until),
        "break_minutes": care_limits.current().break_minutes,
        "left_for_others": left + ([LEFT_FOR_OTHERS_HARD_LIMIT] if shield.hard_items_covered else []),
        # So live rows follow what the queue leaves to others (by category alone: the page's approximation).
        "live_leave_out": shield.covered_categories + (list(HARD_LIMIT_CATEGORIES) if shield.hard_items_covered else []),
        "hard_items_covered": shield.hard_items_covered,
    }
