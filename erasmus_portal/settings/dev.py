"""Development: the embedded default (SQLite, eager Celery, console e-mail)."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", default=True)
# A development-only key: production refuses to start without SECRET_KEY.
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
