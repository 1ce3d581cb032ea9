"""Settings shared by every environment. Values from the environment come from env.py."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from . import env

BASE_DIR = env.BASE_DIR
DEBUG = env.DEBUG
ALLOWED_HOSTS = env.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = env.CSRF_TRUSTED_ORIGINS
SECRET_KEY = env.SECRET_KEY

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_htmx",
    "import_export",
    "simple_history",
    "bootstrap",
    # Imports run one way: core <- domain apps <- features (tests/test_layers.py).
    "core",
    "projects",
    "participants",
    "mobilities",
    "budget",
    "reporting",
    "finance",
    "results",
    "privacy",
    "accounts",
    "selection",
    "portal",
    "transfers",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the query string: no NUL characters reach the database.
    "erasmus_portal.middleware.NulFreeQueryMiddleware",
    # Content-Security-Policy and Permissions-Policy (erasmus_portal/security.py).
    "erasmus_portal.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Participants and guardians signed in to the portal reach nothing else.
    "portal.middleware.PortalUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "erasmus_portal.urls"
CSRF_FAILURE_VIEW = "erasmus_portal.errors.csrf_failure"
WSGI_APPLICATION = "erasmus_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.DATABASE}
# Cached pages are keyed by their project's version (read from the database on every
# request), so a cache per process is never stale; Redis lets the processes share it.
# The sign-in throttle's counters must be shared: with a cache per process, each web
# process would count failures on its own (manage.py check --deploy warns).
if env.CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "erasmus_portal.cache.SharedClientRedisCache",
            "LOCATION": env.CACHE_URL,
        }
    }
    # Sessions read from the shared cache, written through to the database. Only with a
    # shared cache: a cache per process would keep a signed-out session alive elsewhere.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Usernames are found normalised (NFKC, case-folded: core/usernames.py). Django's
# ModelBackend stays listed only so that sessions signed in through it stay valid.
AUTHENTICATION_BACKENDS = [
    "accounts.auth.UsernameBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:home"
LOGOUT_REDIRECT_URL = "login"

# Latvian first: the first users are Latvian VET schools.
LANGUAGE_CODE = "lv"
LANGUAGES = [("lv", _("Latvian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["erasmus_portal.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Riga"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.STATIC_ROOT
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.MEDIA_ROOT
# Uploads per mobility (attendance proof, invoices, signed scans): size and types allowed.
UPLOAD_MAX_BYTES = env.UPLOAD_MAX_BYTES
# Imported spreadsheets (core/transfer/): size, rows, and how long an uploaded file
# waits under MEDIA_ROOT/imports/ for its preview to be confirmed.
IMPORT_MAX_BYTES = env.IMPORT_MAX_BYTES
IMPORT_MAX_ROWS = 20000
IMPORT_KEEP_SECONDS = 60 * 60
# What reading a file may cost, whatever its few kilobytes claim (core/transfer/xlsx/):
# cells read, empty ones included (CSV and XLSX), and an XLSX sheet's declared range and
# table of texts, and three XML elements per cell in all. 20 000 rows of 25 filled columns;
# the worst file within these limits is read in about a second and a half.
IMPORT_MAX_CELLS = 500_000
# An XLSX file's zip: its parts, their unpacked size together, and how much more than its
# packed size a part of over a megabyte may unpack to (spreadsheets write 5 to 20 times).
IMPORT_XLSX_MAX_PARTS = 1000
IMPORT_XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024
IMPORT_XLSX_MAX_RATIO = 100
# Uploaded and generated files are never served by URL from MEDIA_ROOT: views that check
# access stream them.

EMAIL_BACKEND = env.EMAIL_BACKEND
EMAIL_HOST = env.EMAIL_HOST
EMAIL_PORT = env.EMAIL_PORT
EMAIL_HOST_USER = env.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = env.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = env.EMAIL_USE_TLS
DEFAULT_FROM_EMAIL = env.DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

COUNTRIES_FIRST = ["LV"]
COUNTRIES_FIRST_REPEAT = True

CELERY_BROKER_URL = env.CELERY_BROKER_URL or "memory://"
CELERY_RESULT_BACKEND = env.CELERY_RESULT_BACKEND or None
# Without a broker the tasks run in process, so the demo needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not env.CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# A document claimed by a worker longer ago than this is re-claimable: its worker was
# killed (the hard time limit had passed) and acks_late redelivered the task.
DOCUMENT_CLAIM_STALE_AFTER = CELERY_TASK_TIME_LIMIT + 60
# Redis hands a message nobody acknowledged to another worker after the visibility
# timeout, by default an hour: a worker killed outright left its documents "rendering"
# that long. With acks_late a message stays unacknowledged while its task runs (the hard
# time limit at most) and while a retry waits for its countdown (until a claim is stale
# at most, reporting.tasks): any shorter and a message in good hands is delivered twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_TASK_TIME_LIMIT + DOCUMENT_CLAIM_STALE_AFTER + 60
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's filesystem transport, for the demo (bin/demo): a real worker process with no
    # broker to install. It has no broadcast, so the worker runs without remote control.
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(env.CELERY_BROKER_FOLDER),
        "data_folder_out": str(env.CELERY_BROKER_FOLDER),
        # kombu's default is ./control, in the folder the process was started from.
        "control_folder": str(env.CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
    }
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
# The sweep that queues again the documents whose worker stopped (their claim is stale),
# run by Celery beat; a document whose worker stopped on it more often than this fails.
DOCUMENT_SWEEP_EVERY = 60
DOCUMENT_MAX_STALE_REQUEUES = 2
# Periodic tasks, run by `celery -A erasmus_portal beat` (one beat process next to the
# workers): one key per task.
CELERY_BEAT_SCHEDULE = {
    # Uploaded import files never confirmed (core/transfer/uploads.py) are deleted
    # within a quarter of an hour of expiring.
    "purge-import-uploads": {
        "task": "projects.tasks.purge_import_uploads",
        "schedule": 15 * 60,
    },
    "requeue-stale-documents": {
        "task": "reporting.tasks.requeue_stale_documents",
        "schedule": DOCUMENT_SWEEP_EVERY,
        # A sweep no worker took in time is replaced by the next one, not run late.
        "options": {"expires": DOCUMENT_SWEEP_EVERY},
    },
    # Every night: flag the projects whose retention period for the audit ended.
    "privacy-retention-sweep": {
        "task": "privacy.tasks.retention_sweep",
        "schedule": crontab(hour=3, minute=30),
    },
}

PDF_FONT_DIR = env.PDF_FONT_DIR

# Data protection (privacy/): records the audit needs are kept this many years after the
# project's final report, then flagged for erasure by the daily retention sweep.
AUDIT_RETENTION_YEARS = env.AUDIT_RETENTION_YEARS

# Participant portal and online signing (portal/, reporting/signing/).
PORTAL_INVITATION_DAYS = env.PORTAL_INVITATION_DAYS
TRUST_X_FORWARDED_FOR = env.TRUST_X_FORWARDED_FOR
SIGNING_CERT_PATH = env.SIGNING_CERT_PATH
SIGNING_KEY_PATH = env.SIGNING_KEY_PATH
SIGNING_KEY_PASSPHRASE = env.SIGNING_KEY_PASSPHRASE
# Failed sign-ins: this many per username (and per client address, shared by a school's
# network) are free; each further one doubles the wait, from the base up to the maximum
# (accounts/auth.py says who waits).
LOGIN_THROTTLE_FREE_PER_USERNAME = 5
LOGIN_THROTTLE_FREE_PER_ADDRESS = 20
LOGIN_THROTTLE_BASE_SECONDS = 30
LOGIN_THROTTLE_MAX_SECONDS = 15 * 60
# Failures are forgotten this long after the last one.
LOGIN_THROTTLE_WINDOW_SECONDS = 60 * 60
# Requests for a password reset link: this many per address typed (and per client
# address) are free within the window, then they wait as failed sign-ins do. A link works
# for Django's PASSWORD_RESET_TIMEOUT (3 days).
PASSWORD_RESET_THROTTLE_FREE_PER_EMAIL = 3
PASSWORD_RESET_THROTTLE_FREE_PER_ADDRESS = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # WeasyPrint logs each step of each document at INFO: too much for a worker's log.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
