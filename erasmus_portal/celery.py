"""The Celery application; settings prefixed CELERY_ come from Django settings."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.prod")

app = Celery("erasmus_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
