"""The moderator queue pages, /moderate, and their live updates over Socket.IO."""
from flask import Blueprint

bp = Blueprint("moderate", __name__, url_prefix="/moderate")

from forum.moderate import routes  # noqa: E402,F401  (routes register on bp)
