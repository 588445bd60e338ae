from flask import render_template
from flask_login import current_user

from forum.help import bp
from forum.help.resources import for_region


@bp.get("/help")
def index():
    region = current_user.region if current_user.is_authenticated else None
    shown_region, emergency, lines = for_region(region)
    return render_template("help/index.html", region=shown_region, emergency=emergency, lines=lines)
