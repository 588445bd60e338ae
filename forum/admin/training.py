"""/admin/training: who is trained and who is due, recording training done elsewhere, and editing the module."""
import json

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import ActionForm, TrainingPageForm
from forum.forms import parsed_json, show_errors
from forum.services import InvalidInput, training
from models import TrainingPage, User
from models.training import PageKind


@bp.get("/training", endpoint="training")
def training_overview():
    return render_template("admin/training.html", people=training.roster(), pages=TrainingPage.ordered(),
                           form=ActionForm())


@bp.post("/training/<handle>/<any(record, withdraw):change>")
def change_training(handle, change):
    member = User.find_by_handle(handle) or abort(404)
    if ActionForm().validate_on_submit():
        try:
            training.record_elsewhere(current_user, member, change == "record")
        except InvalidInput as error:
            flash(" ".join(error.fields.values()), "info")
        else:
            flash(f"{member.handle}: training {'recorded' if change == 'record' else 'withdrawn'}.", "success")
    return redirect(url_for("admin.training"))


@bp.route("/training/pages/<slug>", methods=["GET", "POST"])
def training_page(slug):
    page = TrainingPage.find(slug) or abort(404)
    form = TrainingPageForm(data={"title": page.title, "body": page.body_markdown,
                                  "choices": json.dumps(page.choices, indent=2, ensure_ascii=False)})
    if request.method == "POST" and form.validate_on_submit():
        fields = {"title": form.title.data, "body": form.body.data}
        try:
            if page.kind == PageKind.SCENARIO:
                fields["choices"] = parsed_json(form.choices.data, "choices")
            training.edit_page(current_user, page, fields)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash(f"“{page.title}” saved.", "success")
            return redirect(url_for("admin.training"))
    return render_template("admin/training_page.html", page=page, form=form)

