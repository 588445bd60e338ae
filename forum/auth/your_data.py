"""A member's own data on the account page: download it, or delete the account."""
import json

from flask import Response, flash, redirect, render_template, url_for
from flask_login import current_user, login_required, logout_user

from forum.auth import bp
from forum.auth.forms import DeleteAccountForm
from forum.forms import show_errors
from forum.messages import ACCOUNT_DELETED
from forum.services import InvalidInput
from forum.services.erasure import delete_account
from forum.services.member_data import export
from models import PrivacySettings


@bp.get("/account/export.json")
@login_required
def export_json():
    body = json.dumps(export(current_user), indent=2, ensure_ascii=False)
    headers = {"Content-Disposition": 'attachment; filename="my-harbour-data.json"'}
    return Response(body, mimetype="application/json", headers=headers)


@bp.get("/account/export")
@login_required
def export_page():
    return render_template("auth/export.html", data=export(current_user))


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            delete_account(current_user._get_current_object(), form.password.data, form.posts.data)
        except InvalidInput as error:
            if "account" in error.fields:  # about the account as a whole, not one field of the form
                flash(error.fields.pop("account"), "info")
            show_errors(form, error)
        else:
            logout_user()
            flash(ACCOUNT_DELETED, "info")
            return redirect(url_for("boards.index"))
    retention_days = PrivacySettings.current().retention_days
    return render_template("auth/delete.html", form=form, retention_days=retention_days)
