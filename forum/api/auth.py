"""Bearer-token authentication for the API: one decorator, used on every protected route."""
from functools import wraps

from forum.api.errors import error_response
from forum.identity import bearer_token


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if bearer_token() is None:
            response, status = error_response(401, "A valid bearer token is required.")
            response.headers["WWW-Authenticate"] = 'Bearer realm="harbour"'
            return response, status
        return view(*args, **kwargs)

    return wrapper


def api_member():
    """The member behind the current request's token (inside ``token_required`` views)."""
    return bearer_token().user


def moderator_required(view):
    """Token auth, then 403 for anyone who is not a moderator or admin."""

    @token_required
    @wraps(view)
    def wrapper(*args, **kwargs):
        if not api_member().is_moderator:
            return error_response(403, "Only moderators can do this.")
        return view(*args, **kwargs)

    return wrapper
