"""/supervision: requests and the moderators a supervisor looks after; one request (answer, private note);
one moderator's page (load, trend, sessions)."""
from datetime import timezone

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin.forms import ActionForm
from forum.forms import show_errors
from forum.services import (InvalidInput, NotAllowed, moderator_load, supervision, supervision_requests,
                            supervision_sessions, wellbeing_checkins)
from forum.services.supervision_requests import AlreadyAnswered
from forum.supervision import bp
from forum.supervision.forms import AnswerForm, AssignForm, SessionForm
from models import User


@bp.get("/", endpoint="index")
def index():
    return render_template("supervision/index.html", moderators=supervision.moderators_for(current_user),
                           supervisors=supervision.possible_supervisors(),
                           supervises=lambda m: supervision.supervises(current_user, m), form=AssignForm(),
                           requests=supervision_requests.requests_for(current_user),
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
        load=moderator_load.recent_load(current_user, member),
        trend=wellbeing_checkins.trend(current_user, member) if mine else None,
        sessions=supervision_sessions.upcoming_of(current_user, member),
    )


@bp.route("/requests/<int:request_id>", methods=["GET", "POST"])
def request_page(request_id):
    """One request: answer (close) it with an optional private note, or change the note later."""
    asked = supervision_requests.visible_request(current_user, request_id)
    if asked is None or asked.moderator_id == current_user.id:
        abort(404)
    form = AnswerForm()
    if form.validate_on_submit():
        note = (form.note.data or "").strip() or None
        try:
            if asked.answered_at is None:
                supervision_requests.answer(current_user, asked, note)
            else:
                supervision_requests.write_note(current_user, asked, note)
        except InvalidInput as error:
            show_errors(form, error)
        except NotAllowed:
            flash("Only this moderator's own supervisor writes a note.", "info")
        except AlreadyAnswered:
            flash("Someone answered this request already.", "info")
        else:
            flash("Saved. Only you and the moderator can read the note.", "success")
            return redirect(url_for("supervision.request_page", request_id=asked.id))
    return render_template("supervision/request.html", asked=asked, form=form,
                           shown=supervision_requests.request_dict(current_user, asked),
                           may_note=supervision.supervises(current_user, asked.moderator))


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
