"""Every setting that comes from the environment is read here, and only here."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_VALUES


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The embedded default is a SQLite file next to manage.py.
DATABASE = dj_database_url.parse(
    env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
)

# No broker configured: tasks run eagerly, in the web process.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND")
# With CELERY_BROKER_URL=filesystem:// (the demo's embedded broker, bin/demo): the folder
# whose files are the queued messages, shared by the web process and the worker.
CELERY_BROKER_FOLDER = Path(env_str("CELERY_BROKER_FOLDER", str(BASE_DIR / ".demo" / "broker")))

# A shared cache (e.g. redis://127.0.0.1:6379/1); unset: each process keeps its own.
CACHE_URL = env_str("CACHE_URL")

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10) * 1024 * 1024
# Spreadsheets imported (CSV, XLSX): the same limit unless set apart.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_MB", UPLOAD_MAX_BYTES // (1024 * 1024)) * 1024 * 1024
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Fonts embedded in generated PDFs (DejaVu Sans, from the fonts-dejavu-core package).
PDF_FONT_DIR = Path(env_str("PDF_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "erasmus@localhost")

# Data protection: how many years after the final report the grant's records are kept for
# the national agency's audit (the Erasmus+ grant agreement's record-keeping period; the
# school should confirm it with its national agency). Personal data the audit needs is
# erased only then.
AUDIT_RETENTION_YEARS = env_int("AUDIT_RETENTION_YEARS", 5)

# Participant portal: how long an invitation link works.
PORTAL_INVITATION_DAYS = env_int("PORTAL_INVITATION_DAYS", 7)
# Behind a reverse proxy that sets X-Forwarded-For: the client's address recorded with a
# signature and counted by the sign-in throttle is the one the proxy appended. Off
# otherwise, since any client can send that header.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR")
# PAdES seal of signed agreements (PEM files); unset: final PDFs are not sealed.
SIGNING_CERT_PATH = env_str("SIGNING_CERT_PATH")
SIGNING_KEY_PATH = env_str("SIGNING_KEY_PATH")
SIGNING_KEY_PASSPHRASE = env_str("SIGNING_KEY_PASSPHRASE")
