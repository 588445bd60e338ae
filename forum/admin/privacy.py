"""The retention period for safety records of deleted accounts, which the privacy page states."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import RetentionForm
from forum.forms import show_errors
from forum.services import InvalidInput
from forum.services.erasure import set_retention_days
from models import PrivacySettings


@bp.route("/privacy", methods=["GET", "POST"])
def privacy():
    form = RetentionForm(retention_days=PrivacySettings.current().retention_days)
    if form.validate_on_submit():
        try:
            set_retention_days(current_user, form.retention_days.data)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Saved. The privacy page now says this.", "success")
            return redirect(url_for("admin.privacy"))
    return render_template("admin/privacy.html", form=form)
