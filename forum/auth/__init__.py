"""Accounts in the browser: register, log in and out, and the account page."""
from flask import Blueprint

from forum.extensions import db, login
from models import User

bp = Blueprint("auth", __name__)

login.login_view = "auth.login"
login.login_message = "Please log in to see that page."
login.login_message_category = "info"


@login.user_loader
def load_user(user_id: str) -> User | None:
    """A suspended member's session ends at their next request."""
    user = db.session.get(User, int(user_id))
    return None if user is None or user.is_suspended else user


from forum.auth import routes  # noqa: E402,F401  (routes register on bp)
