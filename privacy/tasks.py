"""Celery tasks of the privacy app; the nightly retention sweep is scheduled by Celery
beat (CELERY_BEAT_SCHEDULE in erasmus_portal/settings/base.py)."""

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(
    acks_late=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def retention_sweep() -> list[int]:
    """Flag the projects whose retention period ended; answers their ids. Flagging twice
    changes nothing, so a redelivered task is harmless."""
    return [flag.project_id for flag in services.retention_sweep()]
