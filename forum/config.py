"""Configuration from environment variables, with defaults safe for one machine.

Every variable read here is documented in the README.
"""
import logging
import os
import secrets
from datetime import timedelta
from pathlib import Path

log = logging.getLogger(__name__)

SECRET_KEY_FILE = "secret_key"
DATABASE_FILE = "harbour.db"
REQUEST_BODY_LIMIT = 256 * 1024  # room for a 20,000-character post in any encoding
# An unreachable Redis must fail in well under a second, so the in-memory fallbacks take over quickly.
REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def database_url(instance_path: Path) -> str:
    """DATABASE_URL, with plain PostgreSQL URLs pointed at the installed psycopg 3 driver."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{instance_path / DATABASE_FILE}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def persistent_secret_key(instance_path: Path) -> str:
    """SECRET_KEY, or one generated once and kept in the instance folder so sessions survive restarts."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if key:
        return key
    key_file = instance_path / SECRET_KEY_FILE
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    log.warning("SECRET_KEY is not set; generated one and saved it in %s", key_file)
    return key


def from_environment(instance_path: Path, overrides: dict) -> dict:
    """The app's settings: environment first, then ``overrides`` (tests pass theirs here)."""
    redis_url = os.environ.get("REDIS_URL", "").strip() or None
    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url(instance_path),
        "REDIS_URL": redis_url,
        "RATELIMIT_ENABLED": env_flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_STORAGE_URI": redis_url or "memory://",
        # Redis down: keep limiting in this process's memory (a warning is logged) rather than fail requests.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_STORAGE_OPTIONS": REDIS_TIMEOUTS if redis_url else {},
        "RATELIMIT_HEADERS_ENABLED": True,
        # Per address: generous, because a school or a proxy puts many members behind one address.
        "RATELIMIT_REGISTER": "20 per hour",
        "RATELIMIT_LOGIN": "30 per minute",
        "RATELIMIT_TOKEN": "30 per minute",
        # Per handle, counting wrong passwords only: then that handle alone waits out the window.
        "RATELIMIT_HANDLE_FAILURES": os.environ.get("HARBOUR_LOGIN_FAILURES", "").strip() or "5 per 15 minutes",
        "PROXY_COUNT": int(os.environ.get("HARBOUR_PROXY_COUNT", "0") or 0),
        "SESSION_IDLE_MINUTES": float(os.environ.get("HARBOUR_SESSION_IDLE_MINUTES", "60")),
        "SESSION_MAX_HOURS": float(os.environ.get("HARBOUR_SESSION_MAX_HOURS", "12")),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "RATELIMIT_POSTING": "10 per minute",
        "SESSION_COOKIE_SECURE": env_flag("SESSION_COOKIE_SECURE", False),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": REQUEST_BODY_LIMIT,
        "PASSWORD_HASH_METHOD": "scrypt",
        "RATELIMIT_SCREEN": "30 per minute",
        "SCREENING_TIMEOUT_S": float(os.environ.get("SCREENING_TIMEOUT_S", "10")),
        "SCREENING_RULESET_OVERRIDES": {},
        "SCREENING_WAIT_S": float(os.environ.get("SCREENING_WAIT_S", "3")),
        "SCREENING_WORKERS": int(os.environ.get("SCREENING_WORKERS", "2")),
        "SCREENING_RECOVER_AFTER_S": float(os.environ.get("SCREENING_RECOVER_AFTER_S", "60")),
        "SCREENING_SWEEP_INTERVAL_S": float(os.environ.get("SCREENING_SWEEP_INTERVAL_S", "60")),
        "SCREENING_MAX_ATTEMPTS": int(os.environ.get("SCREENING_MAX_ATTEMPTS", "3")),
        "RQ_QUEUE_PREFIX": os.environ.get("RQ_QUEUE_PREFIX", "").strip(),
        # Scaled mode: screening and admin jobs on RQ. On by default wherever Redis is.
        "SCREENING_ON_RQ": env_flag("SCREENING_ON_RQ", bool(redis_url)),
        "QUEUE_CLAIM_SECONDS": int(os.environ.get("QUEUE_CLAIM_SECONDS", "600")),
        "ESCALATION_WEBHOOK": os.environ.get("HARBOUR_ESCALATION_WEBHOOK", "").strip() or None,
        "ESCALATION_SMTP_HOST": os.environ.get("HARBOUR_ESCALATION_SMTP_HOST", "").strip() or None,
        "ESCALATION_SMTP_PORT": int(os.environ.get("HARBOUR_ESCALATION_SMTP_PORT", "25")),
        "ESCALATION_SMTP_FROM": os.environ.get("HARBOUR_ESCALATION_SMTP_FROM", "harbour@localhost").strip(),
        "ESCALATION_SMTP_TO": os.environ.get("HARBOUR_ESCALATION_SMTP_TO", "").strip() or None,
        "ESCALATION_RETRY_SECONDS": int(os.environ.get("HARBOUR_ESCALATION_RETRY_SECONDS", "30")),
        "DUTY_IDLE_MINUTES": float(os.environ.get("HARBOUR_DUTY_IDLE_MINUTES", "20")),
        "UNANSWERED_AFTER_HOURS": float(os.environ.get("UNANSWERED_AFTER_HOURS", "12")),
        "THREADS_PER_PAGE": 20,
        "POSTS_PER_PAGE": 20,
        "QUEUE_ITEMS_PER_PAGE": 50,
    }
    settings.update(overrides)
    settings["REMEMBER_COOKIE_SECURE"] = settings["SESSION_COOKIE_SECURE"]
    # The signed cookie itself never outlives a session's absolute lifetime either.
    settings["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=settings["SESSION_MAX_HOURS"])
    # One dead pooled connection (a database restart) is replaced instead of costing a 500 per worker.
    settings["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True, **settings["SQLALCHEMY_ENGINE_OPTIONS"]}
    if "SECRET_KEY" not in settings:
        settings["SECRET_KEY"] = persistent_secret_key(instance_path)
    return settings


def instance_path() -> Path:
    """HARBOUR_INSTANCE_PATH, or ``instance/`` next to the code."""
    configured = os.environ.get("HARBOUR_INSTANCE_PATH", "").strip()
    if configured:
        return Path(configured).expanduser().resolve()
    return Path(__file__).resolve().parent.parent / "instance"
