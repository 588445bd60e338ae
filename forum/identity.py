"""Who is making this request: the bearer-token member for the API, the session member for pages."""
from flask import g, request
from flask_login import current_user

from models import ApiToken, User, db


def bearer_token() -> ApiToken | None:
    """The active token in ``Authorization: Bearer ...``, looked up once per request."""
    if "api_token" not in g:
        g.api_token = _find_bearer_token()
    return g.api_token


def request_member() -> User | None:
    if request.blueprint == "api":
        token = bearer_token()
        return token.user if token else None
    return current_user if current_user.is_authenticated else None


def _find_bearer_token() -> ApiToken | None:
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not credentials.strip():
        return None
    token = ApiToken.find_active(credentials.strip())
    if token is not None and token.user.is_suspended:
        return None
    if token is not None and token.note_use():
        db.session.commit()
    return token
