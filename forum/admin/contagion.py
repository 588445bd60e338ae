"""The contagion guard on admin pages: its settings, active clusters, ending a slow mode, a backtest."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import ActionForm, ContagionBacktestForm, ContagionForm
from forum.forms import show_errors
from forum.services import InvalidInput, contagion, jobs
from models import Cluster, ContagionSettings, SlowMode, db


@bp.route("/contagion", methods=["GET", "POST"])
def contagion_guard():
    form = ContagionForm(obj=ContagionSettings.effective())
    if form.validate_on_submit():
        try:
            chosen = {name: getattr(form, name).data for name in ContagionSettings.EDITABLE}
            contagion.update_settings(current_user, chosen)
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Saved. The guard uses these settings for the next post it screens.", "success")
            return redirect(url_for("admin.contagion_guard"))
    return _page(form), 422 if form.errors else 200


@bp.post("/contagion/slow-modes/<int:slow_mode_id>/end")
def end_slow_mode(slow_mode_id):
    slow = db.session.get(SlowMode, slow_mode_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        contagion.end_slow_mode(current_user, slow)
    except InvalidInput:
        flash("That slow mode had already ended.", "info")
    else:
        flash("Slow mode ended; members can post there as usual.", "success")
    return redirect(url_for("admin.contagion_guard"))


@bp.post("/contagion/backtest")
def contagion_backtest():
    form = ContagionBacktestForm()
    if form.validate_on_submit():
        try:
            return redirect(url_for("admin.job", job_id=jobs.start_contagion_backtest(current_user, form.days.data).id))
        except InvalidInput as error:
            show_errors(form, error)
    return _page(backtest_form=form), 422


def _page(form=None, backtest_form=None):
    return render_template(
        "admin/contagion.html", form=form or ContagionForm(obj=ContagionSettings.effective()),
        backtest_form=backtest_form or ContagionBacktestForm(), action_form=ActionForm(),
        active=Cluster.active(), recent=[c for c in Cluster.newest_first(20) if not c.is_active],
    )
