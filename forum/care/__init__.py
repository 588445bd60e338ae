"""Looking after yourself: a private safety plan, taking a break, muting, word filters and appeals."""
from flask import Blueprint

bp = Blueprint("care", __name__)

from forum.care import appeals, routes  # noqa: E402,F401  (routes register on bp)
