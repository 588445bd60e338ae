from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from forum.care import bp
from forum.care.forms import SafetyPlanForm
from forum.forms import show_errors
from forum.services import InvalidInput
from forum.services.safety_plans import save_safety_plan
from models import SafetyPlan
from models.safety_plan import PLAN_SECTIONS


@bp.get("/safety-plan")
@login_required
def safety_plan():
    return render_template("care/safety_plan.html", plan=SafetyPlan.of(current_user), form=SafetyPlanForm())


@bp.route("/safety-plan/edit", methods=["GET", "POST"])
@login_required
def edit_safety_plan():
    form = SafetyPlanForm(obj=SafetyPlan.of(current_user))
    if form.validate_on_submit():
        try:
            save_safety_plan(current_user, {section: form[section].data or "" for section in PLAN_SECTIONS})
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Your safety plan is saved. Only you can see it.", "success")
            return redirect(url_for("care.safety_plan"))
    return render_template("care/safety_plan_edit.html", form=form)
