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


def _role_required(has_role, refusal: str):
    """``token_required``, then 403 with ``refusal`` for members whose role is not enough."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not has_role(api_member()):
                return error_response(403, refusal)
            return view(*args, **kwargs)

        return token_required(wrapper)

    return decorator


admin_required = _role_required(lambda member: member.is_admin, "Only admins can do this.")
moderator_required = _role_required(lambda member: member.is_moderator, "Only moderators can do this.")
supervisor_required = _role_required(lambda member: member.is_supervisor, "Only supervisors can do this.")
care_team_required = _role_required(lambda member: member.is_moderator or member.is_supervisor,
                                    "Only moderators and supervisors can do this.")
