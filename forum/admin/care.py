"""The exposure limits that look after moderators: when to suggest a break, and when to stop offering them
crisis and graphic posts. Audited by the service."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import CareLimitsForm
from forum.forms import show_errors
from forum.services import InvalidInput, care_limits


@bp.route("/care-limits", methods=["GET", "POST"])
def care_limits_page():
    form = CareLimitsForm(data=care_limits.current().to_dict())
    if form.validate_on_submit():
        try:
            care_limits.set_limits(current_user, {"soft": form.soft.data, "hard": form.hard.data,
                                                  "break_minutes": form.break_minutes.data})
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Saved. Moderators' break prompts and limits use these now.", "success")
            return redirect(url_for("admin.care_limits_page"))
    return render_template("admin/care_limits.html", form=form)
