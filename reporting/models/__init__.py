"""Documents and the final report: what the coordinator adds for them (learning-agreement
details of a mobility, the payment terms of a project's grant agreements, the final
report's narrative answers) and the generated PDF documents.

A GeneratedDocument is a record first and a file second: it is created "queued" in the
web request, claimed by a Celery worker ("rendering"), and ends "ready" with its file and
SHA-256 or "failed" with the reason. Files live under MEDIA_ROOT and are served only by
views that check access.
"""

from .documents import (
    DEFAULT_PREFINANCING_PERCENT,
    MOBILITY_KINDS,
    NARRATIVE_MAX_LENGTH,
    PARTICIPANT_KINDS,
    PROJECT_KINDS,
    SECTION_LIMITS,
    DocumentBatch,
    DocumentKind,
    DocumentLanguage,
    FinalReportAnswer,
    FinalReportSection,
    GeneratedDocument,
    GrantAgreementTerms,
    LearningAgreementDetails,
    LearningOutcomeUnit,
    ecvet_total,
)
from .share import IN_KIND_NOTE_MAX_LENGTH, GrantHandling
from .signing import (
    AgreementVersion,
    AppendOnlyError,
    AuthMethod,
    SignatureEvent,
    SignatureEventQuerySet,
    SignerRole,
    SupersededBecause,
)

__all__ = [
    "DEFAULT_PREFINANCING_PERCENT",
    "MOBILITY_KINDS",
    "NARRATIVE_MAX_LENGTH",
    "SECTION_LIMITS",
    "PARTICIPANT_KINDS",
    "PROJECT_KINDS",
    "AgreementVersion",
    "AppendOnlyError",
    "AuthMethod",
    "IN_KIND_NOTE_MAX_LENGTH",
    "DocumentBatch",
    "DocumentKind",
    "DocumentLanguage",
    "FinalReportAnswer",
    "FinalReportSection",
    "GeneratedDocument",
    "GrantAgreementTerms",
    "GrantHandling",
    "LearningAgreementDetails",
    "LearningOutcomeUnit",
    "ecvet_total",
    "SignatureEvent",
    "SignatureEventQuerySet",
    "SignerRole",
    "SupersededBecause",
]
