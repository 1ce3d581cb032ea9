"""Celery tasks of the projects app, each calling one service. Scheduled ones are in
CELERY_BEAT_SCHEDULE (erasmus_portal/settings/base.py)."""

from celery import shared_task
from django.conf import settings

from core.transfer import uploads


@shared_task(
    acks_late=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def purge_import_uploads() -> int:
    """Abandoned import uploads deleted (safe to run twice, or in two workers at once)."""
    return uploads.upload_purge_expired()
