"""/admin/insights: how screening and moderation are going, as charts with their tables, and CSV exports."""
import csv
import io

from flask import Response, abort, render_template

from forum.admin import bp
from forum.charts import bar_chart
from models.insights import TABLES, insight
from moderation.taxonomy import ACTIONS

# Which columns each table charts: one chart per list; posts per day stack their actions.
CHARTS = {
    "posts-per-day": [(list(ACTIONS), True)],
    "queue": [(["waiting"], False), (["median_hours", "p90_hours"], False)],
    "agreement": [(["precision", "recall"], False)],
    "rules": [(["fired", "approved"], False)],
    "reports": [(["reports"], False)],
    "crisis-times": [(["median_minutes", "p90_minutes"], False)],
    "held-times": [(["median_hours", "p90_hours"], False)],
    "first-reply-times": [(["median_hours", "p90_hours"], False)],
}
# Tables whose charts draw a target as a line across the bars: the column holding it.
TARGET_COLUMNS = {"crisis-times": "target_minutes", "held-times": "target_hours", "first-reply-times": "target_hours"}


@bp.get("/insights")
def insights():
    sections = []
    for name in TABLES:
        table = insight(name)
        labels = [str(row[0]) for row in table.rows]
        target = TARGET_COLUMNS.get(name)
        reference = ("target", table.rows[0][table.columns.index(target)]) if target and table.rows else None
        charts = [
            bar_chart(table.title, labels, {c: [row[table.columns.index(c)] for row in table.rows] for c in columns},
                      stacked=stacked, reference=reference)
            for columns, stacked in CHARTS[name]
        ]
        sections.append((table, charts))
    return render_template("admin/insights.html", sections=sections)


@bp.get("/insights/<name>.csv")
def insight_csv(name):
    if name not in TABLES:
        abort(404)
    table = insight(name)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows(["" if value is None else value for value in row] for row in table.rows)
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="harbour-{name}.csv"'})
