"""Configuration from the environment, with safe defaults."""
import logging

import pytest

from forum import config, create_app


@pytest.fixture
def clean_environment(monkeypatch, tmp_path):
    for name in ("DATABASE_URL", "SECRET_KEY", "RATELIMIT_ENABLED", "REDIS_URL", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HARBOUR_INSTANCE_PATH", str(tmp_path / "instance"))
    return tmp_path / "instance"


def test_defaults_use_a_sqlite_file_in_the_instance_folder(clean_environment):
    app = create_app()
    assert app.instance_path == str(clean_environment)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{clean_environment / 'harbour.db'}"
    assert app.config["RATELIMIT_ENABLED"] is True
    assert app.config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_a_generated_secret_key_is_kept_across_restarts_with_a_warning(clean_environment, caplog):
    with caplog.at_level(logging.WARNING, logger="forum.config"):
        first = create_app().config["SECRET_KEY"]
    assert "SECRET_KEY is not set" in caplog.text
    assert (clean_environment / "secret_key").read_text() == first
    assert oct((clean_environment / "secret_key").stat().st_mode & 0o777) == "0o600"
    assert create_app().config["SECRET_KEY"] == first


def test_environment_variables_override_the_defaults(clean_environment, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgres://harbour@db.example/harbour")
    monkeypatch.setenv("RATELIMIT_ENABLED", "0")
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "true")
    settings = config.from_environment(clean_environment, {})
    assert settings["SECRET_KEY"] == "from-the-environment"
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://harbour@db.example/harbour"
    assert settings["RATELIMIT_ENABLED"] is False
    assert settings["SESSION_COOKIE_SECURE"] is True and settings["REMEMBER_COOKIE_SECURE"] is True
    assert not (clean_environment / "secret_key").exists()


def test_redis_backs_rate_limits_when_configured(clean_environment, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    settings = config.from_environment(clean_environment, {"SECRET_KEY": "x"})
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/0"
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/0"


def test_request_bodies_are_capped(app):
    assert app.config["MAX_CONTENT_LENGTH"] == 256 * 1024


def test_sign_ins_and_the_signed_cookie_both_end_within_the_absolute_lifetime(clean_environment, monkeypatch):
    monkeypatch.setenv("HARBOUR_SESSION_MAX_HOURS", "8")
    settings = config.from_environment(clean_environment, {"SECRET_KEY": "x"})
    assert settings["SESSION_MAX_HOURS"] == 8 and settings["PERMANENT_SESSION_LIFETIME"].total_seconds() == 8 * 3600
    assert settings["SESSION_IDLE_MINUTES"] == 60


def test_pooled_connections_are_checked_before_use_whatever_else_the_engine_is_given(clean_environment):
    overrides = {"SECRET_KEY": "x", "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": "-csearch_path=x"}}}
    options = config.from_environment(clean_environment, overrides)["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options == {"pool_pre_ping": True, "connect_args": {"options": "-csearch_path=x"}}


def test_forwarded_headers_are_trusted_only_through_the_configured_proxies(clean_environment, monkeypatch):
    assert config.from_environment(clean_environment, {"SECRET_KEY": "x"})["PROXY_COUNT"] == 0
    monkeypatch.setenv("HARBOUR_PROXY_COUNT", "1")
    assert config.from_environment(clean_environment, {"SECRET_KEY": "x"})["PROXY_COUNT"] == 1
