from flask import render_template, request
from flask_login import current_user

from forum.help import bp
from forum.help.signposts import reader_region
from forum.messages import REGION_NAMES
from models import Resource


@bp.get("/help")
def index():
    reader = current_user if current_user.is_authenticated else None
    region = reader_region(reader, request.args.get("region"))
    services = Resource.in_region(region)
    return render_template(
        "help/index.html",
        region=region,
        region_names=REGION_NAMES,
        emergency=[s for s in services if s.is_emergency],
        lines=[s for s in services if not s.is_emergency],
    )
