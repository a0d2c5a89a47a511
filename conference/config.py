"""Settings read from the environment, with defaults that are safe on a developer's machine."""

import os
import secrets
from pathlib import Path

DEFAULT_RATELIMIT_LOGIN = "10 per minute"


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        # Flask-SQLAlchemy puts a relative SQLite path in the instance folder, creating it.
        return "sqlite:///conference.sqlite"
    # Hosting panels hand out postgres:// URLs; SQLAlchemy wants the driver named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _development_secret_key(instance_path: Path) -> str:
    """Return the key kept in instance/, creating it once so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


class ConfigurationError(RuntimeError):
    """The environment does not describe a safe way to run."""


def from_environment(instance_path: Path, overrides: dict | None = None) -> dict:
    """Build the app's settings from environment variables, then apply overrides (tests)."""
    overrides = overrides or {}
    production = overrides.get(
        "PRODUCTION", os.environ.get("CONFERENCE_ENV", "development") == "production"
    )
    secret_key = overrides.get("SECRET_KEY") or os.environ.get("SECRET_KEY")
    if production and (not secret_key or len(secret_key) < 32):
        raise ConfigurationError(
            "SECRET_KEY must be set to a random string of at least 32 characters in production "
            "(for example: python -c 'import secrets; print(secrets.token_hex(32))')."
        )
    settings = {
        "PRODUCTION": production,
        "SECRET_KEY": secret_key or _development_secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": _database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "UPLOAD_DIR": os.environ.get("UPLOAD_DIR", str(instance_path / "uploads")),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _env_flag("MAIL_USE_TLS", default=True),
        "MAIL_USE_SSL": _env_flag("MAIL_USE_SSL"),
        "MAIL_DEFAULT_SENDER": os.environ.get(
            "MAIL_DEFAULT_SENDER", "Ban tổ chức Hội nghị <hoinghi-shtt@localhost>"
        ),
        "SESSION_COOKIE_SECURE": production,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        # Links in mail sent from the command line (no request to take the address from).
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "PROXY_FIX": int(os.environ.get("PROXY_FIX", "0")),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_LOGIN": os.environ.get("RATELIMIT_LOGIN", DEFAULT_RATELIMIT_LOGIN),
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "BOOTSTRAP_SERVE_LOCAL": True,
        "PASSWORD_RESET_MAX_AGE": 2 * 3600,
        # Badges an exhibitor may ask for its booth staff.
        "EXHIBITION_STAFF_BADGES": int(os.environ.get("EXHIBITION_STAFF_BADGES", "2")),
        # Largest product photo accepted, in bytes (checked again by content, not by name).
        "EXHIBITION_PHOTO_MAX_BYTES": 5 * 1024 * 1024,
    }
    settings.update(overrides)
    return settings
