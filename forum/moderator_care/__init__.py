"""Pages that look after moderators: going on and off duty, training, and their own wellbeing (exposure,
breaks, opted-out categories, tap-out and "this one stayed with me").

They live beside the queue (under /moderate) in their own blueprint, so the
queue's pages stay about the queue; ``access`` gates the queue's item pages on
training and keeps a moderator's shift alive while they work.
"""
from flask import Blueprint

from forum.moderator_care.access import care_context, gate_and_heartbeat

bp = Blueprint("moderator_care", __name__, url_prefix="/moderate")
bp.before_app_request(gate_and_heartbeat)
bp.app_context_processor(care_context)

from forum.moderator_care import duty, supervision, training, wellbeing  # noqa: E402,F401  (routes register on bp)
