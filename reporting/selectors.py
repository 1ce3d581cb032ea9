"""Reads of documents, scoped to a user through core.access, each page's rows in a
fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from core import access
from mobilities.models import Mobility

from .documents import kinds_for_mobility
from .models import (
    MOBILITY_KINDS,
    PARTICIPANT_KINDS,
    DocumentBatch,
    DocumentKind,
    GeneratedDocument,
)

Status = GeneratedDocument.Status
RECENT_BATCHES = 5


def document_get(user, pk: int) -> GeneratedDocument:
    queryset = GeneratedDocument.objects.select_related(
        "project__organisation", "mobility", "requested_by"
    )
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


def batch_get(user, project, pk: int) -> DocumentBatch:
    return access.get_for_user(
        batch_progress(project.document_batches.all()), user, "project__organisation", pk=pk
    )


def batch_progress(batches: QuerySet[DocumentBatch]) -> QuerySet[DocumentBatch]:
    """Batches with their counts of documents: total, ready, failed."""
    return batches.select_related("project").annotate(
        total=Count("documents"),
        ready=Count("documents", filter=Q(documents__status=Status.READY)),
        failed=Count("documents", filter=Q(documents__status=Status.FAILED)),
    )


def recent_batches(project) -> list[DocumentBatch]:
    return list(batch_progress(project.document_batches.all())[:RECENT_BATCHES])


def batch_documents(batch) -> QuerySet[GeneratedDocument]:
    return batch.documents.select_related("mobility__participant", "project").order_by(
        "mobility__number"
    )


def batch_ready_documents(batch) -> QuerySet[GeneratedDocument]:
    """The batch's ready documents in the order of the mobilities, for one download."""
    return batch_documents(batch).filter(status=Status.READY)


def learning_outcome_units(details) -> list:
    """The units of an agreement's learning outcomes, in order (none for unsaved details)."""
    if details._state.adding:
        return []
    return list(details.units.all())


def mobility_documents(mobility) -> dict[str, list[GeneratedDocument]]:
    """The mobility's documents by kind, newest first, in one query."""
    by_kind = defaultdict(list)
    documents = mobility.documents.select_related("project", "mobility", "requested_by").order_by(
        "-version", "language"
    )
    for document in documents:
        by_kind[document.kind].append(document)
    return by_kind


@dataclass
class MobilityRow:
    mobility: Mobility
    # Aligned with MOBILITY_KINDS: the latest document of each language, or None where
    # the mobility does not get this kind (learning agreements of staff).
    cells: list[list[GeneratedDocument] | None]


def project_document_rows(project) -> list[MobilityRow]:
    """Each mobility with its latest documents per kind and language: two queries."""
    documents = GeneratedDocument.objects.select_related("project", "mobility").order_by(
        "kind", "language", "-version"
    )
    mobilities = (
        project.mobilities.exclude(status=Mobility.Status.CANCELLED)
        .select_related("participant", "project")
        .prefetch_related(Prefetch("documents", queryset=documents))
        .order_by("number")
    )
    return [MobilityRow(m, _latest_by_kind(m)) for m in mobilities]


def _latest_by_kind(mobility) -> list[list[GeneratedDocument] | None]:
    latest = {kind: {} for kind in kinds_for_mobility(mobility)}
    for document in mobility.documents.all():
        per_language = latest.get(document.kind)
        if per_language is not None:
            per_language.setdefault(document.language, document)
    return [list(latest[kind].values()) if kind in latest else None for kind in MOBILITY_KINDS]


def project_reports(project) -> QuerySet[GeneratedDocument]:
    return project.documents.filter(kind=DocumentKind.FINAL_REPORT).select_related(
        "project", "requested_by"
    )


def documents_for_participant(participant) -> QuerySet[GeneratedDocument]:
    """What the participant portal will show a participant: the ready documents about
    their own mobilities, never another person's nor the project's report."""
    return GeneratedDocument.objects.filter(
        mobility__participant=participant,
        kind__in=PARTICIPANT_KINDS,
        status=Status.READY,
    ).select_related("project", "mobility")


def failed_documents(document_ids) -> QuerySet[GeneratedDocument]:
    """Those of the documents that failed, first failed first: a request reads them back
    to say what became of the documents it just asked for."""
    return GeneratedDocument.objects.filter(
        pk__in=document_ids, status=GeneratedDocument.Status.FAILED
    ).order_by("pk")
