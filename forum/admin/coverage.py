"""/admin/coverage: who was on duty by hour against what arrived, gaps marked, and the response-time targets."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from forum.admin import bp
from forum.admin.forms import TargetsForm
from forum.charts import bar_chart
from forum.forms import show_errors
from forum.services import InvalidInput, coverage, response_targets
from models.coverage import TargetAlert


@bp.get("/coverage")
def coverage_page():
    form = TargetsForm(data=response_targets.current().to_dict())
    return _render(form)


@bp.post("/coverage/targets")
def set_targets():
    form = TargetsForm()
    if form.validate_on_submit():
        try:
            response_targets.set_targets(current_user, {name: getattr(form, name).data
                                                        for name in response_targets.LIMITS})
        except InvalidInput as error:
            show_errors(form, error)
        else:
            flash("Targets saved.", "success")
            return redirect(url_for("admin.coverage_page"))
    return _render(form), 422


def _render(form):
    try:
        weeks = coverage.parse_weeks(request.args.get("weeks"))
    except InvalidInput:
        abort(400)
    report = coverage.coverage(weeks)
    by_hour = report.by_hour_of_day()
    labels = [f"{row['hour']:02d}:00" for row in by_hour]
    charts = [
        bar_chart("Moderators on duty on average, by hour of the day (UTC)", labels,
                  {"moderators": [row["moderators"] for row in by_hour]}),
        bar_chart("Queue items arriving by hour of the day, and those with nobody on duty", labels,
                  {"arrived": [row["arrived"] for row in by_hour],
                   "nobody on duty": [row["arrived_uncovered"] for row in by_hour]}),
    ]
    return render_template("admin/coverage.html", report=report, charts=charts, form=form,
                           results=response_targets.report()["results"], alerts=TargetAlert.newest_first(20),
                           weekdays=coverage.WEEKDAYS, max_weeks=coverage.MAX_WEEKS)
