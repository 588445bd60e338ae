"""Going on and off duty from the queue page, and the page's heartbeat while the moderator is active."""
from flask import flash, redirect, request, url_for
from flask_login import current_user

from forum.moderate.routes import moderators_only
from forum.moderator_care import bp
from forum.services import duty
from forum.services.training import TrainingRequired


@bp.post("/duty")
@moderators_only
def set_duty():
    on_duty = request.form.get("on_duty") == "1"
    try:
        duty.set_on_duty(current_user, on_duty)
    except TrainingRequired:
        flash("Please complete moderator training before going on duty.", "info")
        return redirect(url_for("moderator_care.training"))
    flash("You're on duty. Thank you." if on_duty else "You're off duty. Rest well.", "success")
    return redirect(url_for("moderate.queue"))


@bp.post("/duty/heartbeat")
@moderators_only
def heartbeat():
    """Sent by the queue page while the moderator is using it; ``gate_and_heartbeat`` has already run."""
    return duty.duty_state(current_user)
