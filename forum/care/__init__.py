"""Looking after yourself: a private safety plan, taking a break, and muting boards or threads."""
from flask import Blueprint

bp = Blueprint("care", __name__)

from forum.care import routes  # noqa: E402,F401  (routes register on bp)
