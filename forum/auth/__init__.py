"""Accounts in the browser: register, log in and out, and the account page."""
from flask import Blueprint

from forum.extensions import login
from forum.sessions import member_for_session

bp = Blueprint("auth", __name__)

login.login_view = "auth.login"
login.login_message = "Please log in to see that page."
login.login_message_category = "info"


login.user_loader(member_for_session)


from forum.auth import routes  # noqa: E402,F401  (routes register on bp)
