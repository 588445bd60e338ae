"""Admin pages: rule sets, the classifier, the help directory, boards, members and the audit log. Admins only."""
from flask import Blueprint, abort
from flask_login import current_user

from forum.extensions import login

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def admins_only():
    """Anonymous visitors log in first; members and moderators are refused."""
    if not current_user.is_authenticated:
        return login.unauthorized()
    if not current_user.is_admin:
        abort(403)


from forum.admin import care, contagion, coverage, insights, jobs, model, people, privacy, routes, supervisors, training  # noqa: E402,F401  (routes register on bp)
