"""Assigning a moderator's supervisor (from the supervision page's list); admins only, audited."""
from flask import abort, flash, redirect, url_for
from flask_login import current_user

from forum.services import InvalidInput, supervision
from forum.supervision.forms import AssignForm
from forum.admin import bp
from models import User


@bp.post("/members/<handle>/supervisor")
def assign_supervisor(handle):
    member = User.find_by_handle(handle) or abort(404)
    form = AssignForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        chosen = supervision.assign_by_handle(current_user, member, form.supervisor.data or None)
    except InvalidInput as error:
        flash(" ".join(error.fields.values()), "info")
    else:
        flash(f"{member.handle} is supervised by {chosen.handle if chosen else 'the admins'}.", "success")
    return redirect(url_for("supervision.index"))
