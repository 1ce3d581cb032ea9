"""Writes of the reporting app: requesting documents, rendering one (called by the Celery
task), and saving what the coordinator adds for the documents and the final report.

Rendering follows a claim protocol, so that a document is rendered once however often
its task is delivered:

1. claim: a compare-and-set update from "queued" to "rendering" stamps claimed_at; the
   worker that updated the row owns the document, any other stops.
2. render, outside any database transaction: the claim is committed, so no lock is held
   while WeasyPrint works for seconds.
3. finish: a compare-and-set update on (status "rendering", the same claimed_at) stores
   the file; a worker whose claim was taken over in between discards its file.

A worker killed mid-render (the hard time limit, an OOM kill, a deploy) leaves the row in
"rendering". acks_late and reject_on_worker_lost make the broker redeliver the task; the
redelivered task finds a fresh claim and waits (retries with a countdown) until the claim
is older than DOCUMENT_CLAIM_STALE_AFTER, which is longer than the hard time limit: by
then the old claimant is certainly dead, and the claim may be taken over.

When the whole worker died, nothing may be redelivered soon (the broker waits for its
visibility timeout): the periodic sweep (`documents_requeue_stale`, run by Celery beat)
puts every document with a stale claim back in the queue and sends its task again, and
fails one whose worker stopped on it more than DOCUMENT_MAX_STALE_REQUEUES times.

A document whose task cannot be sent (the broker is down) fails at once with the reason,
so that no page says "queued" about a document no worker will ever see.
"""

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from kombu.exceptions import OperationalError as KombuOperationalError

from core.services import editable_fields, model_update
from mobilities.models import Mobility

from .documents import (
    DocumentError,
    certificate_not_yet,
    document_html,
    has_recognition,
    learners_only_message,
    learning_agreement_applies,
    no_recognition_message,
    transcript_learners_only_message,
)
from .models import (
    MOBILITY_KINDS,
    DocumentBatch,
    DocumentKind,
    DocumentLanguage,
    FinalReportAnswer,
    FinalReportSection,
    GeneratedDocument,
    GrantAgreementTerms,
    LearningAgreementDetails,
    LearningOutcomeUnit,
)
from .models.documents import section_limit
from .pdf import PdfError, render_pdf
from .signals import agreement_terms_changed

logger = logging.getLogger(__name__)

Status = GeneratedDocument.Status
REASON_MAX_LENGTH = 2000
# Transient failures (the database or the file storage away for a moment) are retried;
# everything else fails the document with its reason at once.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)


class TransientRenderError(Exception):
    """Rendering failed for a reason that may go away; the claim has been released."""


class Outcome(StrEnum):
    RENDERED = "rendered"
    FAILED = "failed"
    ALREADY_FINISHED = "already_finished"
    CLAIMED_ELSEWHERE = "claimed_elsewhere"
    MISSING = "missing"


# Requests


def _validate_kind_and_language(kind: str, language: str) -> None:
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _("Choose one of the documents offered.")
    if language not in DocumentLanguage.values:
        errors["language"] = _("Choose Latvian or English.")
    if errors:
        raise ValidationError(errors)


def _validate_subject(kind: str, mobility: Mobility | None) -> None:
    if (mobility is not None) != (kind in MOBILITY_KINDS):
        raise ValidationError({"kind": _("This document is not made for this subject.")})
    if kind == DocumentKind.LEARNING_AGREEMENT and not learning_agreement_applies(mobility):
        raise ValidationError({"kind": learners_only_message()})
    if kind == DocumentKind.TRANSCRIPT:
        if not learning_agreement_applies(mobility):
            raise ValidationError({"kind": transcript_learners_only_message()})
        if not has_recognition(mobility):
            raise ValidationError({"kind": no_recognition_message()})


def _enqueue(document_ids: list[int]) -> None:
    """Send the render tasks; called after the transaction that created the documents
    committed, so that a worker always finds them. When the broker cannot be reached,
    this document and the ones after it fail with the reason: trying each of a batch
    would keep the request waiting a second per document for the same answer."""
    from .tasks import render_document  # tasks.py imports this module

    for index, document_id in enumerate(document_ids):
        try:
            render_document.delay(document_id)
        except KombuOperationalError:
            logger.exception(
                "The broker is unreachable: %d documents not queued", len(document_ids) - index
            )
            _fail_queued(document_ids[index:], broker_down_reason())
            return
        except Exception as error:  # noqa: BLE001 - any other refusal: say so, per document
            logger.exception("Could not queue document %s", document_id)
            reason = _("The document could not be queued: %(error)s") % {"error": error}
            _fail_queued([document_id], reason)


def broker_down_reason() -> str:
    return _(
        "The document could not be queued: the task queue (the broker) did not answer. "
        "Ask for it again later; if it fails again, tell the administrator."
    )


def _next_versions(kind: str, language: str, *, project, mobilities=None) -> dict:
    documents = GeneratedDocument.objects.filter(kind=kind, language=language)
    if mobilities is None:
        last = documents.filter(project=project, mobility__isnull=True).aggregate(v=Max("version"))
        return {None: (last["v"] or 0) + 1}
    rows = (
        documents.filter(mobility__in=mobilities)
        .values("mobility")
        .annotate(v=Max("version"))
        .values_list("mobility", "v")
    )
    last = dict(rows)
    return {m.pk: last.get(m.pk, 0) + 1 for m in mobilities}


def _create(
    kind, language, *, project, mobilities, user, batch=None, issued_early=False
) -> list[GeneratedDocument]:
    versions = _next_versions(kind, language, project=project, mobilities=mobilities)
    subjects = mobilities if mobilities is not None else [None]
    documents = GeneratedDocument.objects.bulk_create(
        [
            GeneratedDocument(
                project=project,
                mobility=mobility,
                kind=kind,
                language=language,
                version=versions[mobility.pk if mobility else None],
                requested_by=user,
                batch=batch,
                issued_early=issued_early,
            )
            for mobility in subjects
        ]
    )
    ids = [d.pk for d in documents]
    transaction.on_commit(lambda: _enqueue(ids))
    return documents


def _with_version_retry(create):
    """Two requests for the same subject at once may pick the same next version: the
    unique constraint refuses the second, which then takes the version after."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                return create()
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _validate_certificate(kind: str, mobility: Mobility | None, issue_early: bool) -> None:
    if kind != DocumentKind.ATTENDANCE_CERTIFICATE:
        return
    refusal = certificate_not_yet(mobility, today=timezone.localdate(), issue_early=issue_early)
    if refusal:
        field = "issue_early" if mobility.status == Mobility.Status.COMPLETED else "kind"
        raise ValidationError({field: refusal})


def _issued_early(kind: str, mobility: Mobility | None, issue_early: bool) -> bool:
    """Whether the document is a certificate made before the mobility's end date (the
    confirmation is recorded only where it was needed)."""
    return (
        issue_early
        and kind == DocumentKind.ATTENDANCE_CERTIFICATE
        and timezone.localdate() < mobility.end_date
    )


def validate_document_request(
    *, kind: str, language: str, project, mobility=None, issue_early: bool = False
) -> None:
    """ValidationError naming the field when this document cannot be asked for."""
    if mobility is not None and mobility.project_id != project.pk:
        raise ValidationError({"mobility": _("The mobility belongs to another project.")})
    _validate_kind_and_language(kind, language)
    _validate_subject(kind, mobility)
    _validate_certificate(kind, mobility, issue_early)


def document_request(
    *,
    kind: str,
    language: str,
    project,
    mobility: Mobility | None = None,
    user=None,
    issue_early: bool = False,
) -> GeneratedDocument:
    """Queue one document about `mobility` (or, for the final report, the project). A
    certificate of attendance before the mobility's end date needs `issue_early`, the
    coordinator's confirmation, and a completed mobility."""
    validate_document_request(
        kind=kind, language=language, project=project, mobility=mobility, issue_early=issue_early
    )
    mobilities = None if mobility is None else [mobility]
    early = _issued_early(kind, mobility, issue_early)
    return _with_version_retry(
        lambda: _create(
            kind, language, project=project, mobilities=mobilities, user=user, issued_early=early
        )[0]
    )


def batch_subjects(project, kind: str):
    """The mobilities that get a document of `kind` in a whole-project batch."""
    mobilities = project.mobilities.exclude(status=Mobility.Status.CANCELLED).order_by("number")
    if kind == DocumentKind.ATTENDANCE_CERTIFICATE:
        # A batch never issues early: that is a coordinator's decision per mobility.
        return list(mobilities.filter(end_date__lte=timezone.localdate()))
    if kind == DocumentKind.TRANSCRIPT:
        # The transcript states the recognition decision: the learners' mobilities with one.
        mobilities = mobilities.filter(recognition__isnull=False)
    elif kind != DocumentKind.LEARNING_AGREEMENT:
        return list(mobilities)
    return [m for m in mobilities if learning_agreement_applies(m)]


def batch_not_ended(project, kind: str) -> int:
    """How many mobilities a certificate batch leaves out because they have not ended."""
    if kind != DocumentKind.ATTENDANCE_CERTIFICATE:
        return 0
    mobilities = project.mobilities.exclude(status=Mobility.Status.CANCELLED)
    return mobilities.filter(end_date__gt=timezone.localdate()).count()


def not_ended_message(count: int) -> str:
    return ngettext(
        "%(n)d mobility has not ended yet and gets no certificate of attendance: a "
        "certificate is made from the end date on.",
        "%(n)d mobilities have not ended yet and get no certificate of attendance: a "
        "certificate is made from the end date on.",
        count,
    ) % {"n": count}


def no_transcript_message() -> str:
    return _(
        "No learner's mobility of this project has a recognition decision yet: a transcript "
        "states it, so record the decisions first on the mobilities' results pages."
    )


def _batch_mobilities(project, kind: str, language: str) -> list[Mobility] | None:
    """The batch's mobilities (None for the final report); ValidationError if none."""
    _validate_kind_and_language(kind, language)
    mobilities = batch_subjects(project, kind) if kind in MOBILITY_KINDS else None
    if mobilities == []:
        skipped = batch_not_ended(project, kind)
        if skipped:
            raise ValidationError({"kind": not_ended_message(skipped)})
        if kind == DocumentKind.TRANSCRIPT:
            raise ValidationError({"kind": no_transcript_message()})
        raise ValidationError({"kind": _("No mobility of this project needs this document.")})
    return mobilities


def validate_batch_request(*, project, kind: str, language: str) -> None:
    _batch_mobilities(project, kind, language)


def document_batch_request(*, project, kind: str, language: str, user=None) -> DocumentBatch:
    """Queue a document of `kind` for every mobility of the project that needs one (or the
    project's final report). Certificates of attendance go only to the mobilities that
    have ended; the batch counts the others (`skipped_not_ended`)."""
    mobilities = _batch_mobilities(project, kind, language)
    skipped = batch_not_ended(project, kind)

    def create():
        batch = DocumentBatch.objects.create(
            project=project,
            kind=kind,
            language=language,
            requested_by=user,
            skipped_not_ended=skipped,
        )
        _create(kind, language, project=project, mobilities=mobilities, user=user, batch=batch)
        return batch

    return _with_version_retry(create)


# Rendering


def _stale_before(now):
    return now - timedelta(seconds=settings.DOCUMENT_CLAIM_STALE_AFTER)


def document_claim(document_id: int):
    """Take the document for rendering; returns the claim's timestamp, or None when
    another worker holds it or it is finished."""
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(
        status=Status.RENDERING, claimed_at__lt=_stale_before(now)
    )
    claimed = GeneratedDocument.objects.filter(claimable, pk=document_id).update(
        status=Status.RENDERING, claimed_at=now, attempts=F("attempts") + 1
    )
    return now if claimed else None


def _unclaimed_outcome(document_id: int) -> Outcome:
    status = (
        GeneratedDocument.objects.filter(pk=document_id).values_list("status", flat=True).first()
    )
    if status is None:
        return Outcome.MISSING
    if status in GeneratedDocument.FINISHED:
        return Outcome.ALREADY_FINISHED
    return Outcome.CLAIMED_ELSEWHERE


def seconds_until_claim_is_stale(document_id: int) -> int:
    claimed_at = (
        GeneratedDocument.objects.filter(pk=document_id)
        .values_list("claimed_at", flat=True)
        .first()
    )
    if claimed_at is None:
        return 1
    stale_at = claimed_at + timedelta(seconds=settings.DOCUMENT_CLAIM_STALE_AFTER)
    return max(1, int((stale_at - timezone.now()).total_seconds()) + 1)


def _mine(document_id: int, claimed_at):
    return GeneratedDocument.objects.filter(
        pk=document_id, status=Status.RENDERING, claimed_at=claimed_at
    )


@dataclass
class RenderedFile:
    name: str
    sha256: str
    size: int


def _store(document: GeneratedDocument, pdf: bytes) -> RenderedFile:
    name = (
        f"documents/{document.project_id}/"
        f"{document.kind}-{document.pk}-{document.language}-v{document.version}.pdf"
    )
    stored = default_storage.save(name, ContentFile(pdf))
    return RenderedFile(stored, hashlib.sha256(pdf).hexdigest(), len(pdf))


def _render(document_id: int) -> tuple[GeneratedDocument, bytes]:
    document = GeneratedDocument.objects.select_related("project__organisation").get(pk=document_id)
    return document, render_pdf(document_html(document))


def document_render(*, document_id: int) -> Outcome:
    """Render the document if this call wins the claim. Raises TransientRenderError
    (claim released) when trying again later may help."""
    claimed_at = document_claim(document_id)
    if claimed_at is None:
        return _unclaimed_outcome(document_id)
    try:
        # Deliberately outside transaction.atomic(): rendering takes seconds and must not
        # hold a transaction (or its locks) open meanwhile.
        document, pdf = _render(document_id)
        rendered = _store(document, pdf)
    except (DocumentError, PdfError) as error:
        return _finish_failed(document_id, claimed_at, str(error))
    except SoftTimeLimitExceeded:
        reason = ngettext(
            "Rendering took longer than %(seconds)d second.",
            "Rendering took longer than %(seconds)d seconds.",
            settings.CELERY_TASK_SOFT_TIME_LIMIT,
        ) % {"seconds": settings.CELERY_TASK_SOFT_TIME_LIMIT}
        return _finish_failed(document_id, claimed_at, reason)
    except GeneratedDocument.DoesNotExist:
        return Outcome.MISSING
    except TRANSIENT_ERRORS as error:
        _mine(document_id, claimed_at).update(status=Status.QUEUED, claimed_at=None)
        raise TransientRenderError(f"{type(error).__name__}: {error}") from error
    except Exception as error:  # noqa: BLE001 - a bug in a template must not leave it "rendering"
        logger.exception("Rendering document %s failed", document_id)
        return _finish_failed(document_id, claimed_at, f"{type(error).__name__}: {error}")
    return _finish_ready(document_id, claimed_at, rendered)


def _finish_ready(document_id: int, claimed_at, rendered: RenderedFile) -> Outcome:
    finished = _mine(document_id, claimed_at).update(
        status=Status.READY,
        file=rendered.name,
        sha256=rendered.sha256,
        size=rendered.size,
        failure_reason="",
        finished_at=timezone.now(),
    )
    if finished:
        return Outcome.RENDERED
    # The claim was taken over (this worker was too slow): the other worker's file counts.
    default_storage.delete(rendered.name)
    return Outcome.CLAIMED_ELSEWHERE


def _finish_failed(document_id: int, claimed_at, reason: str) -> Outcome:
    _mine(document_id, claimed_at).update(
        status=Status.FAILED,
        failure_reason=(reason or _("Unknown error."))[:REASON_MAX_LENGTH],
        finished_at=timezone.now(),
    )
    return Outcome.FAILED


def document_fail(*, document_id: int, reason: str) -> None:
    """Give up on a document that is not being rendered (retries exhausted, not queued)."""
    _fail_queued([document_id], reason)


def _fail_queued(document_ids: list[int], reason: str) -> None:
    GeneratedDocument.objects.filter(pk__in=document_ids, status=Status.QUEUED).update(
        status=Status.FAILED,
        failure_reason=(reason or _("Unknown error."))[:REASON_MAX_LENGTH],
        finished_at=timezone.now(),
    )


# The sweep of stopped workers


@dataclass(frozen=True)
class SweepResult:
    requeued: list[int]
    failed: list[int]


def documents_requeue_stale(*, now=None) -> SweepResult:
    """Queue again every document whose claim is stale (its worker stopped mid-render),
    or fail it when its worker stopped on it too often. Each change is a compare-and-set
    on the stale claim, so a redelivered task that took the claim over meanwhile keeps
    it. The tasks are sent once the changes are committed."""
    now = now or timezone.now()
    stale = GeneratedDocument.objects.filter(
        status=Status.RENDERING, claimed_at__lt=_stale_before(now)
    ).values_list("pk", "claimed_at", "stale_requeues")
    requeued, failed = [], []
    for document_id, claimed_at, requeues in stale:
        if requeues < settings.DOCUMENT_MAX_STALE_REQUEUES:
            if _mine(document_id, claimed_at).update(
                status=Status.QUEUED, claimed_at=None, stale_requeues=F("stale_requeues") + 1
            ):
                requeued.append(document_id)
        elif _mine(document_id, claimed_at).update(
            status=Status.FAILED, failure_reason=_stopped_reason(requeues + 1), finished_at=now
        ):
            failed.append(document_id)
    if requeued:
        logger.warning("Queued again after their worker stopped: documents %s", requeued)
        transaction.on_commit(lambda: _enqueue(requeued))
    if failed:
        logger.error("Failed after their worker stopped too often: documents %s", failed)
    return SweepResult(requeued, failed)


def _stopped_reason(times: int) -> str:
    return ngettext(
        "The worker stopped while rendering this document %(n)d time; it is not queued again. "
        "Ask for it again; if it fails again, tell the administrator.",
        "The worker stopped while rendering this document %(n)d times; it is not queued again. "
        "Ask for it again; if it fails again, tell the administrator.",
        times,
    ) % {"n": times}


# What the coordinator adds

TERMS_FIELDS = editable_fields(GrantAgreementTerms, exclude={"project"})
DETAILS_FIELDS = editable_fields(LearningAgreementDetails, exclude={"mobility"})


def grant_agreement_terms_update(
    *, project, data: Mapping[str, Any]
) -> tuple[GrantAgreementTerms, int]:
    """Save the project's terms; also answers how many agreements sent for signing were
    started again because they said the old terms."""
    with transaction.atomic():
        terms, _created = GrantAgreementTerms.objects.get_or_create(project=project)
        changed = set(model_update(instance=terms, fields=TERMS_FIELDS, data=data))
        terms.full_clean()
        terms.save()
        renewed = grant_agreement_terms_changed(project=project, changed=changed)
    return terms, renewed


def grant_agreement_terms_changed(*, project, changed) -> int:
    """Tell the agreements already sent for signing that the project's terms changed (the
    admin calls this too, after saving the terms itself); answers how many were renewed."""
    if not changed:
        return 0
    answers = agreement_terms_changed.send(
        sender=GrantAgreementTerms, project=project, changed=set(changed)
    )
    return sum(answer or 0 for _receiver, answer in answers)


def learning_agreement_details_update(
    *, mobility: Mobility, data: Mapping[str, Any]
) -> LearningAgreementDetails:
    if not learning_agreement_applies(mobility):
        raise ValidationError(learners_only_message())
    details, _created = LearningAgreementDetails.objects.get_or_create(mobility=mobility)
    model_update(instance=details, fields=DETAILS_FIELDS, data=data)
    details.full_clean()
    details.save()
    return details


@transaction.atomic
def learning_outcome_units_replace(*, mobility: Mobility, units: list[dict]) -> list:
    """The learning agreement's units of learning outcomes become `units`, in that order.
    A row with the `id` of one of the agreement's units changes that unit (what was
    recorded about it, its assessment, stays with it); a row without one adds a unit; the
    units no row names are deleted."""
    if not learning_agreement_applies(mobility):
        raise ValidationError(learners_only_message())
    details, _created = LearningAgreementDetails.objects.get_or_create(mobility=mobility)
    existing = {unit.pk: unit for unit in details.units.all()}
    kept = []
    for position, row in enumerate(units, start=1):
        fields = {name: value for name, value in row.items() if name != "id"}
        unit = existing.pop(row.get("id"), None) or LearningOutcomeUnit(details=details)
        for name, value in fields.items():
            setattr(unit, name, value)
        unit.position = position
        unit.full_clean(exclude=["details"])
        kept.append(unit)
    LearningOutcomeUnit.objects.filter(pk__in=list(existing)).delete()
    for unit in kept:
        unit.save()
    return kept


def final_report_answer_save(*, project, section: str, text: str, user=None) -> FinalReportAnswer:
    if section not in FinalReportSection.values:
        raise ValidationError({"section": _("Unknown question of the final report.")})
    answer = FinalReportAnswer.objects.filter(project=project, section=section).first()
    answer = answer or FinalReportAnswer(project=project, section=section)
    answer.text = text.strip()
    limit = section_limit(section)
    if len(answer.text) > limit:
        raise ValidationError(
            {
                "text": ngettext(
                    "An answer has at most %(limit)d character.",
                    "An answer has at most %(limit)d characters.",
                    limit,
                )
                % {"limit": limit}
            }
        )
    answer.updated_by = user
    answer.full_clean()
    answer.save()
    return answer
