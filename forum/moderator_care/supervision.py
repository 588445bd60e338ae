"""A moderator's own supervision page: the weekly check-in (three optional questions), its trend, their sessions,
and the check-ins they asked for with their supervisor's private notes.

The queue page shows a gentle prompt while this week's check-in is still to do.
"""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, TextAreaField
from wtforms.validators import Optional

from forum import messages
from forum.forms import show_errors
from forum.moderate.routes import moderators_only
from forum.moderator_care import bp
from forum.services import InvalidInput, supervision_requests, supervision_sessions, wellbeing_checkins

SCALE_CHOICES = [SelectChoice("", "Rather not say")] + [SelectChoice(str(n), str(n)) for n in range(1, 6)]


class CheckInForm(FlaskForm):
    heaviness = SelectField("How heavy did this week feel? (1 light, 5 very heavy)", choices=SCALE_CHOICES,
                            validators=[Optional()])
    energy = SelectField("How have your sleep and energy been? (1 very low, 5 good)", choices=SCALE_CHOICES,
                         validators=[Optional()])
    note = TextAreaField("Anything you'd like your supervisor to know? (optional)", validators=[Optional()])


@bp.route("/supervision", methods=["GET", "POST"], endpoint="my_supervision")
@moderators_only
def my_supervision():
    form = CheckInForm()
    if request.method == "POST" and form.validate_on_submit():
        answers = {"heaviness": int(form.heaviness.data) if form.heaviness.data else None,
                   "energy": int(form.energy.data) if form.energy.data else None, "note": form.note.data or None}
        try:
            wellbeing_checkins.check_in(current_user, answers)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash(messages.WEEKLY_CHECK_IN_THANKS, "success")
            return redirect(url_for("moderator_care.my_supervision"))
    return render_template("moderator_care/supervision.html", form=form,
                           trend=wellbeing_checkins.trend(current_user, current_user),
                           due=wellbeing_checkins.is_due(current_user),
                           sessions=supervision_sessions.upcoming_for(current_user),
                           requests=[supervision_requests.request_dict(current_user, asked)
                                     for asked in supervision_requests.own_requests(current_user)])


@bp.app_context_processor
def check_in_prompt() -> dict:
    """Whether the queue page shows this week's check-in prompt."""
    if request.endpoint != "moderate.queue" or not current_user.is_authenticated or not current_user.is_moderator:
        return {}
    return {"check_in_due": wellbeing_checkins.is_due(current_user)}
