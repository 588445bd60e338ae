"""/supervision: the moderators a supervisor looks after, and one moderator's page (trend, sessions)."""
from datetime import timezone

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin.forms import ActionForm
from forum.forms import show_errors
from forum.services import InvalidInput, supervision, supervision_sessions, wellbeing_checkins
from forum.supervision import bp
from forum.supervision.forms import AssignForm, SessionForm
from models import Role, SupervisionSession, User, db


@bp.get("/", endpoint="index")
def index():
    moderators = supervision.moderators_for(current_user)
    supervisors = db.session.scalars(db.select(User).where(User.role.in_([Role.SUPERVISOR.value, Role.ADMIN.value]))
                                     .order_by(User.handle_key)).all()
    return render_template("supervision/index.html", moderators=moderators, supervisors=supervisors,
                           supervises=lambda m: supervision.supervises(current_user, m), form=AssignForm(),
                           action_form=ActionForm(),
                           sessions=supervision_sessions.upcoming_for(current_user))


@bp.route("/moderators/<handle>", methods=["GET", "POST"])
def moderator(handle):
    member = _visible_moderator(handle)
    mine = supervision.supervises(current_user, member)
    form = SessionForm()
    if mine and form.validate_on_submit():
        try:
            supervision_sessions.schedule(current_user, member, form.starts_at.data.replace(tzinfo=timezone.utc),
                                          form.minutes.data, form.agenda.data or "")
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash(f"Session booked; {member.handle} will be reminded a day before.", "success")
            return redirect(url_for("supervision.moderator", handle=member.handle))
    return render_template(
        "supervision/moderator.html", member=member, mine=mine, form=form,
        trend=wellbeing_checkins.trend(current_user, member) if mine else None,
        sessions=SupervisionSession.upcoming([member.id]) if mine else [],
    )


@bp.post("/sessions/<int:session_id>/cancel")
def cancel_session(session_id):
    session = supervision_sessions.visible_session(current_user, session_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    supervision_sessions.cancel(current_user, session)
    flash("Session cancelled.", "success")
    return redirect(url_for("supervision.moderator", handle=session.moderator.handle))


def _visible_moderator(handle: str) -> User:
    member = User.find_by_handle(handle)
    if member is None or not member.is_moderator or not supervision.sees_load(current_user, member):
        abort(404)
    return member
