"""The training module on pages: its lessons in order, and the scenario questions that complete it."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup

from forum.moderate.routes import moderators_only
from forum.moderator_care import bp
from forum.rendering import render_markdown
from forum.services import training
from models import TrainingPage
from models.training import PageKind


@bp.get("/training", endpoint="training")
@moderators_only
def training_index():
    return render_template("moderator_care/training.html", pages=TrainingPage.ordered(PageKind.LESSON),
                           status=training.status(current_user))


@bp.get("/training/<slug>")
@moderators_only
def training_page(slug):
    lessons = TrainingPage.ordered(PageKind.LESSON)
    slugs = [page.slug for page in lessons]
    if slug not in slugs:
        abort(404)
    position = slugs.index(slug)
    return render_template(
        "moderator_care/training_page.html",
        page=lessons[position],
        body=Markup(render_markdown(lessons[position].body_markdown)),
        previous=lessons[position - 1] if position else None,
        following=lessons[position + 1] if position + 1 < len(lessons) else None,
        number=position + 1,
        total=len(lessons),
    )


@bp.route("/training/scenarios", methods=["GET", "POST"])
@moderators_only
def training_scenarios():
    """Every scenario on one form; passing them all records completion."""
    scenarios = TrainingPage.ordered(PageKind.SCENARIO)
    result = None
    if request.method == "POST":
        answers = {page.slug: request.form.get(page.slug, type=int) for page in scenarios}
        result = training.check_answers(current_user, answers)
        if result["passed"]:
            flash("Training complete. Thank you, and welcome to the team.", "success")
            return redirect(url_for("moderate.queue"))
    return render_template(
        "moderator_care/scenarios.html",
        scenarios=[(page, Markup(render_markdown(page.body_markdown))) for page in scenarios],
        result=result,
        chosen=request.form,
    )
