"""Rate limits read from config, so tests and deployments can tune them without code."""
from flask import current_app
from flask_limiter.util import get_remote_address

from forum.extensions import limiter
from forum.identity import request_member


def _configured(name: str):
    return lambda: current_app.config[name]


def member_or_address() -> str:
    """Posting limits follow the member, so a shared school network never throttles a whole class."""
    member = request_member()
    return f"member:{member.id}" if member else get_remote_address()


# Shared limits: the pages and the API draw on one allowance per scope.
register_limit = limiter.shared_limit(_configured("RATELIMIT_REGISTER"), scope="register", methods=["POST"])
login_limit = limiter.shared_limit(_configured("RATELIMIT_LOGIN"), scope="login", methods=["POST"])
token_limit = limiter.shared_limit(_configured("RATELIMIT_TOKEN"), scope="token", methods=["POST"])
posting_limit = limiter.shared_limit(
    _configured("RATELIMIT_POSTING"), scope="posting", key_func=member_or_address, methods=["POST", "PATCH"]
)
screen_limit = limiter.shared_limit(
    _configured("RATELIMIT_SCREEN"), scope="screen", key_func=member_or_address, methods=["POST"]
)
