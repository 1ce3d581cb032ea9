"""Celery tasks of the reporting app. Each takes ids and calls one service; the services
enqueue them with transaction.on_commit. The sweep of documents whose worker stopped is
sent by Celery beat (CELERY_BEAT_SCHEDULE).

Delivery guarantees come from the settings (acks_late, reject_on_worker_lost, prefetch
1, soft and hard time limits) and are restated on the task, so that the task keeps them
whatever the global defaults become.
"""

import random

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import ngettext

from . import services, signing

# Transient failures: retried this many times with exponential backoff, then failed.
TRANSIENT_RETRIES = 3
# Waiting for another worker's claim to finish or go stale.
CLAIM_WAITS = 2
BACKOFF_SECONDS = 5
BACKOFF_MAX_SECONDS = 120


def backoff(retries: int) -> int:
    """5, 10, 20 ... seconds, capped, with jitter so that retries do not come in waves."""
    delay = min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2**retries)
    return delay + random.randint(0, delay // 2)  # noqa: S311 - jitter, not security


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=TRANSIENT_RETRIES + CLAIM_WAITS,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def render_document(self, document_id: int) -> str:
    try:
        outcome = services.document_render(document_id=document_id)
    except (services.TransientRenderError, OperationalError, InterfaceError) as error:
        # Eager mode (no broker: development, the demo) must not wait inside a request.
        if self.request.is_eager or self.request.retries >= TRANSIENT_RETRIES:
            attempts = self.request.retries + 1
            reason = ngettext(
                "Rendering failed %(n)d time: %(error)s",
                "Rendering failed %(n)d times: %(error)s",
                attempts,
            ) % {
                "n": attempts,
                "error": error,
            }
            services.document_fail(document_id=document_id, reason=reason)
            return services.Outcome.FAILED.value
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error
    if outcome == services.Outcome.RENDERED:
        # A grant agreement sent for signing waits for this document: freeze it now.
        signing.agreement_document_rendered(document_id=document_id)
    waiting = outcome == services.Outcome.CLAIMED_ELSEWHERE and not self.request.is_eager
    if waiting and self.request.retries < self.max_retries:
        # A duplicate delivery while another worker renders, or the redelivery of a task
        # whose worker died: come back once that claim could be stale. By then the
        # document is ready (nothing to do), or its claim may be taken over.
        raise self.retry(countdown=services.seconds_until_claim_is_stale(document_id))
    return outcome.value


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=TRANSIENT_RETRIES,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def finalize_agreement(self, agreement_id: int) -> bool:
    """The final PDF of a fully signed agreement. Safe to deliver twice: only the call
    that moves the version from open to signed keeps its file."""
    try:
        return signing.agreement_finalize(agreement_id=agreement_id)
    except (OperationalError, InterfaceError, OSError) as error:
        if self.request.is_eager or self.request.retries >= TRANSIENT_RETRIES:
            raise
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error


@shared_task(
    ignore_result=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def requeue_stale_documents() -> dict[str, int]:
    """The periodic sweep (CELERY_BEAT_SCHEDULE): documents whose worker stopped are
    queued again, or failed when that happened too often. Running it twice is harmless:
    a document it queued again has no claim any more."""
    result = services.documents_requeue_stale()
    return {"requeued": len(result.requeued), "failed": len(result.failed)}
