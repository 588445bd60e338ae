"""Harbour's web application: HTTP only, no safety logic."""
from pathlib import Path

from flask import Flask, redirect, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

from forum import cli, config, errors, live, request_guard, security, templating, widgets
from forum.extensions import csrf, db, limiter, login, migrate, socketio
from models import transactions
from models.base import configure_sqlite_connections

MIGRATIONS_DIRECTORY = str(Path(__file__).resolve().parent.parent / "migrations")


def create_app(config_overrides: dict | None = None) -> Flask:
    """Build the app; ``config_overrides`` win over the environment (tests use them)."""
    instance_path = config.instance_path()
    app = Flask(__name__, instance_path=str(instance_path))
    app.jinja_environment = templating.TemplateEnvironment
    app.config.update(config.from_environment(instance_path, dict(config_overrides or {})))
    if app.config["PROXY_COUNT"]:
        # Client addresses (for rate limits) and the scheme come from the proxies we were told about, never
        # from whatever ``X-Forwarded-For`` a client sends itself.
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    configure_sqlite_connections()
    db.init_app(app)
    transactions.track_writes()
    app.teardown_appcontext(_end_read)  # runs before Flask-SQLAlchemy's own teardown closes the session
    migrate.init_app(app, db, directory=MIGRATIONS_DIRECTORY, render_as_batch=True)
    login.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    socketio.init_app(app, client_manager=live.client_manager(app.config), async_mode="threading")
    live.init_app(app)

    _register_blueprints(app)
    request_guard.init_app(app)
    app.add_url_rule("/favicon.ico", "favicon", _favicon)
    security.init_app(app)
    widgets.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from forum.admin import bp as admin_bp
    from forum.api import bp as api_bp
    from forum.auth import bp as auth_bp
    from forum.boards import bp as boards_bp
    from forum.boards import events as boards_events
    from forum.care import bp as care_bp
    from forum.help import bp as help_bp
    from forum.moderate import bp as moderate_bp
    from forum.moderate import events as moderate_events
    from forum.moderator_care import bp as moderator_care_bp
    from forum.supervision import bp as supervision_bp

    app.register_blueprint(auth_bp)
    app.register_blueprint(boards_bp)
    boards_events.register()
    app.register_blueprint(help_bp)
    app.register_blueprint(care_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(moderate_bp)
    moderate_events.register()
    app.register_blueprint(moderator_care_bp)
    app.register_blueprint(supervision_bp)
    app.register_blueprint(api_bp)
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens, never cookies


def _end_read(error: BaseException | None) -> None:
    """A request or command that wrote nothing ends its transaction with COMMIT (``models.transactions``)."""
    if error is None:
        transactions.commit_if_read_only()


def _favicon():
    """Browsers and tools ask for /favicon.ico whatever the page links; send them to the one icon."""
    return redirect(url_for("static", filename="favicon.svg"), code=301)
