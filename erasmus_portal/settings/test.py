"""Tests: the same database as configured (SQLite by default, PostgreSQL in CI)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-insecure-key"  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the finders in tests; nothing is collected.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise")]  # noqa: F405
# A cache of each test process's own, whatever CACHE_URL the shell exported: each test
# clears the cache (tests/conftest.py), which on a shared Redis would empty it under the
# tests of the other xdist workers. tests/test_cache.py tests the Redis cache itself.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A file, not SQLite's in-memory default, so that a Celery worker started by a test
# (tests/reporting/test_worker.py) can open the same test database. One per checkout, so
# that `--reuse-db` (bin/test) finds it again; tests/conftest.py makes it one per run
# without `--reuse-db`, and pytest-django one per xdist worker (`_gw0`).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    import hashlib
    import tempfile
    from pathlib import Path

    checkout = hashlib.sha256(str(BASE_DIR).encode()).hexdigest()[:12]  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"erasmus-test-{checkout}")
    }
