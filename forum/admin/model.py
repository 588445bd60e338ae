"""The classifier on pages: the live model's test figures beside each candidate's, activation, and a
warning when the live model cannot load (screening is then holding every post)."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import ModelActivateForm
from forum.services import InvalidInput, classifier_versions, screening
from models import AdminAudit, ModelActivation


@bp.get("/model")
def model():
    return _model_page(ModelActivateForm())


@bp.post("/model/activate")
def activate_model():
    form = ModelActivateForm()
    if form.validate_on_submit():
        name = form.candidate.data or None
        try:
            activation = classifier_versions.activate(current_user, name, form.note.data)
        except InvalidInput as error:
            for message in error.fields.values():
                flash(message, "info")
            return _model_page(form), 422
        flash(f"{activation.version} now screens every new post.", "success")
        return redirect(url_for("admin.model"))
    return _model_page(form), 422


def _model_page(form: ModelActivateForm):
    live = classifier_versions.live()
    candidates = [(c, classifier_versions.comparison(live, c) if c.evaluation else None)
                  for c in classifier_versions.candidates()]
    return render_template(
        "admin/model.html", live=live, live_failure=screening.live_classifier_failure(), candidates=candidates,
        form=form, activations=ModelActivation.newest_first(), folder=classifier_versions.candidates_folder(),
        history=AdminAudit.newest_first(20, target=classifier_versions.TARGET),
    )
