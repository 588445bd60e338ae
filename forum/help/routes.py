from flask import render_template, request
from flask_login import current_user

from forum.help import bp
from forum.help.signposts import reader_region
from forum.messages import REGION_NAMES
from models import PrivacySettings, Resource


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


@bp.get("/privacy")
def privacy():
    """What Harbour keeps and why, in plain words; the retention period is the one admins set."""
    return render_template("help/privacy.html", retention_days=PrivacySettings.current().retention_days)
