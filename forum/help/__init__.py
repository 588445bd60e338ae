""""Get help now": emergency numbers and crisis lines, open to everyone, logged in or not."""
from flask import Blueprint

bp = Blueprint("help", __name__)

from forum.help import routes  # noqa: E402,F401  (routes register on bp)
