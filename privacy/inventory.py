"""Everything the portal holds about a person, model by model: how each model's rows are
found from the participant, what an erasure does with each field, and which fields a
data export leaves out and why.

Each field is one of:
- ERASE: removed at the first erasure (emptied, or a pseudonym for the name);
- AUDIT: kept while the grant's audit may ask for it (privacy.retention), then removed;
- KEEP: kept, because once the person's identity is gone it says nothing about who they
  were (dates of the record, amounts, what the mobility was).

tests/privacy/test_inventory.py walks every installed model: a model that refers to a
participant, directly or through another model listed here, must be listed (or named in
NOT_HELD with the reason), and every field of a listed model must be classified. A new
personal field or model therefore cannot be forgotten silently by the export or erasure.

Besides these rows: the portal accounts' Django users (participants.PortalAccount.user),
the history rows of Participant and Mobility (django-simple-history: the same fields as
their models), and the admin's log entries naming the participant (admin.LogEntry
.object_repr) are handled by privacy.erasure too.
"""

from dataclasses import dataclass, field

ERASE, AUDIT, KEEP = "erase", "audit", "keep"

# What happens to the rows themselves.
ROWS_KEPT = "kept"  # the fields are treated one by one
ROWS_DELETED = "deleted"  # at the first erasure
ROWS_AUDIT = "audit"  # kept while the audit needs them, then deleted


@dataclass(frozen=True)
class Holding:
    label: str  # app_label.ModelName
    to_participant: str  # lookup from the model to its participant
    fields: dict[str, str]
    rows: str = ROWS_KEPT
    # Fields a data export leaves out, and why (shown in the export).
    not_exported: dict[str, str] = field(default_factory=dict)


# Reasons a field is left out of an export (put into words by privacy.export).
SECRET = "secret"
OTHER_PERSON = "other_person"

_PARTICIPANT = {
    "id": KEEP,
    "revision": KEEP,
    "organisation": KEEP,
    "kind": KEEP,
    "first_name": ERASE,
    "last_name": ERASE,
    # Reduced to 1 January of the year at the first erasure: the age rules of the grant
    # (minors, accompanying persons) still hold, and nobody becomes younger.
    "date_of_birth": AUDIT,
    "email": ERASE,
    "phone": ERASE,
    "national_id": ERASE,
    "nationality": AUDIT,
    "city": ERASE,
    "address": ERASE,
    "iban": ERASE,
    # Only for the grammar of the documents.
    "gender": ERASE,
    "vet_programme": KEEP,
    "qualification": KEEP,
    "eqf_level": KEEP,
    "learner_status": KEEP,
    "graduation_date": KEEP,
    "compulsory_service_months": KEEP,
    "position": KEEP,
    "employment_documented": KEEP,
    "guardian_name": ERASE,
    "guardian_email": ERASE,
    "guardian_phone": ERASE,
    # The yes/no flag: the grant's inclusion support was paid for it.
    "fewer_opportunities": KEEP,
    "fewer_opportunities_categories": ERASE,
    "support_needs": ERASE,
}

_MOBILITY = dict.fromkeys(
    (
        "id",
        "revision",
        "project",
        "number",
        "participant",
        "activity_type",
        "role",
        "group",
        "host",
        "sending_partner",
        "origin_city",
        "origin_country",
        "destination_city",
        "destination_country",
        "start_date",
        "end_date",
        "travel_days",
        "green_travel",
        "virtual_component",
        "status",
        "participant_report",
        "distance_km",
        "linguistic_support",
        "course_days",
        "expensive_travel_real_cost",
        "financial_guarantee",
        "visa_and_medical",
        "inclusion_support_real_costs",
        "europass_status",
        "europass_issued_on",
        "created_at",
        "updated_at",
    ),
    KEEP,
) | {
    # It justifies a duration the grant pays for.
    "short_duration_justification": AUDIT,
    "notes": ERASE,
    "monitoring_notes": ERASE,
}


def _all(value: str, *names: str) -> dict[str, str]:
    return dict.fromkeys(names, value)


HOLDINGS = [
    Holding("participants.Participant", "pk", _PARTICIPANT),
    Holding(
        "participants.PortalAccount",
        "participant",
        _all(
            KEEP, "id", "user", "participant", "role", "language", "email_changed_at", "created_at"
        ),
        rows=ROWS_DELETED,
    ),
    Holding(
        "participants.PortalInvitation",
        "participant",
        _all(
            KEEP,
            "id",
            "participant",
            "role",
            "token_hash",
            "invited_by",
            "created_at",
            "expires_at",
            "used_at",
            "revoked_at",
            "account",
        )
        | {"email": ERASE},
        rows=ROWS_DELETED,
        not_exported={"token_hash": SECRET},
    ),
    Holding("mobilities.Mobility", "participant", _MOBILITY),
    Holding(
        "budget.MobilityGrant",
        "mobility__participant",
        _all(
            KEEP,
            "mobility",
            "travel",
            "individual_support",
            "organisational_support",
            "inclusion_support",
            "preparatory_visit",
            "course_fees",
            "linguistic_support",
            "exceptional_costs",
            "distance_km",
            "band",
            "funded_days",
            "third_country_amount",
            "fundable",
        ),
    ),
    Holding(
        "mobilities.PreparationItem",
        "mobility__participant",
        _all(KEEP, "id", "mobility", "kind", "title", "due_date", "owner", "status")
        | {"note": ERASE},
    ),
    Holding(
        "mobilities.MonitoringNote",
        "mobility__participant",
        _all(ERASE, "id", "mobility", "author", "written_on", "text", "created_at"),
        rows=ROWS_DELETED,
    ),
    Holding(
        "participants.FileRequest",
        "mobility__participant",
        _all(
            KEEP,
            "id",
            "mobility",
            "kind",
            "note",
            "requested_by",
            "requested_at",
            "uploaded_file",
            "fulfilled_at",
        ),
    ),
    # Rows of the kinds the audit needs (privacy.erasure.AUDIT_FILE_KINDS) are kept while
    # it may ask; the others are deleted at once.
    Holding(
        "mobilities.MobilityFile",
        "mobility__participant",
        _all(
            AUDIT,
            "id",
            "mobility",
            "kind",
            "file",
            "original_name",
            "content_type",
            "size",
            "uploaded_by",
            "uploaded_at",
        ),
        rows=ROWS_AUDIT,
    ),
    Holding(
        "reporting.GeneratedDocument",
        "mobility__participant",
        _all(
            AUDIT,
            "id",
            "project",
            "mobility",
            "kind",
            "language",
            "version",
            "status",
            "failure_reason",
            "file",
            "sha256",
            "size",
            "batch",
            "requested_by",
            "requested_at",
            "claimed_at",
            "attempts",
            "stale_requeues",
            "finished_at",
            "issued_early",
        ),
        rows=ROWS_AUDIT,
    ),
    Holding(
        "reporting.LearningAgreementDetails",
        "mobility__participant",
        _all(
            AUDIT,
            "mobility",
            "learning_outcomes",
            "sending_mentor_name",
            "sending_mentor_contact",
            "host_mentor_name",
            "host_mentor_contact",
            "sending_responsibilities",
            "host_responsibilities",
            "learner_responsibilities",
            "insurance",
            "updated_at",
        ),
        rows=ROWS_AUDIT,
    ),
    # How a mobility's grant reaches its participant (paid, in kind, kept), part of what
    # the agreement said: kept for the audit with the agreements.
    Holding(
        "reporting.GrantHandling",
        "mobility__participant",
        _all(AUDIT, "id", "project", "mobility", "head", "handling", "in_kind_note"),
        rows=ROWS_AUDIT,
    ),
    Holding(
        "reporting.LearningOutcomeUnit",
        "details__mobility__participant",
        _all(
            AUDIT,
            "id",
            "details",
            "position",
            "title",
            "outcomes",
            "assessment",
            "assessed_by",
            "ecvet_points",
        ),
        rows=ROWS_AUDIT,
    ),
    # What the learner achieved abroad and what the school recognised: kept with the
    # learning agreement while the audit may ask, then deleted with it.
    Holding(
        "results.UnitAssessment",
        "mobility__participant",
        _all(
            AUDIT,
            "unit",
            "mobility",
            "result",
            "method",
            "assessed_by",
            "assessed_on",
            "mentor_assessment",
            "updated_at",
            "updated_by",
        ),
        rows=ROWS_AUDIT,
        not_exported={"updated_by": OTHER_PERSON},
    ),
    Holding(
        "results.Recognition",
        "mobility__participant",
        _all(
            AUDIT,
            "mobility",
            "decision",
            "ecvet_points",
            "programme_part",
            "decided_on",
            "decided_by",
            "note",
            "updated_at",
            "updated_by",
        ),
        rows=ROWS_AUDIT,
        not_exported={"updated_by": OTHER_PERSON},
    ),
    # The language levels say nothing about who once the person is pseudonymised, and
    # the project's figures count them: kept.
    Holding(
        "results.OlsAssessment",
        "mobility__participant",
        _all(
            KEEP,
            "mobility",
            "language",
            "level_before",
            "level_after",
            "updated_at",
            "updated_by",
        ),
        not_exported={"updated_by": OTHER_PERSON},
    ),
    # The questionnaires: which were answered, the levels and scores stay (the figures
    # count them, nameless); a free text is the person's words and goes.
    Holding(
        "results.SurveyResponse",
        "mobility__participant",
        _all(KEEP, "id", "mobility", "stage", "submitted_at") | {"submitted_by": ERASE},
    ),
    Holding(
        "results.SurveyAnswer",
        "response__mobility__participant",
        _all(KEEP, "id", "response", "question", "level", "score") | {"text": ERASE},
    ),
    # A staff member's account of what they changed in their work after the mobility:
    # kept with the mobility's results while the audit may ask, then deleted.
    Holding(
        "results.LearningTransfer",
        "mobility__participant",
        _all(AUDIT, "mobility", "changes", "applied_from", "reached", "updated_at", "updated_by"),
        rows=ROWS_AUDIT,
        not_exported={"updated_by": OTHER_PERSON},
    ),
    # A dissemination event is the school's record of its project (the final report
    # counts them): the row stays, and so does its link to the mobility, which is kept
    # too, its participant pseudonymised, so the link says nothing more about who. What
    # may name or show the participant (who presented, the description, the evidence
    # file: a photo of the lesson) is kept while the audit may ask for the evidence, then
    # removed. The title, the audience and a public link are the school's own words.
    Holding(
        "results.DisseminationEvent",
        "mobility__participant",
        _all(
            KEEP,
            "id",
            "project",
            "held_on",
            "kind",
            "title",
            "audience",
            "audience_size",
            "reach",
            "mobility",
            "goal",
            "evidence_url",
            "recorded_by",
            "recorded_at",
        )
        | _all(AUDIT, "presented_by", "description", "evidence_file", "evidence_name"),
        not_exported={"recorded_by": OTHER_PERSON},
    ),
    Holding(
        "reporting.AgreementVersion",
        "mobility__participant",
        _all(
            AUDIT,
            "id",
            "mobility",
            "number",
            "language",
            "status",
            "document",
            "content_fingerprint",
            "frozen_file",
            "frozen_sha256",
            "frozen_size",
            "frozen_at",
            "frozen_text_html",
            "participant_share",
            "participant_name",
            "guardian_name",
            "representative_name",
            "guardian_required",
            "final_file",
            "final_sha256",
            "final_size",
            "sealed",
            "signed_at",
            "superseded_at",
            "superseded_because",
            "superseded_reason",
            "created_by",
            "created_at",
        ),
        rows=ROWS_AUDIT,
        not_exported={"content_fingerprint": SECRET},
    ),
    # Append-only (a database trigger refuses changes): kept whole while the audit may
    # ask, then deleted with their agreement (privacy.erasure.purge).
    Holding(
        "reporting.SignatureEvent",
        "agreement__mobility__participant",
        _all(
            AUDIT,
            "id",
            "agreement",
            "role",
            "signer",
            "typed_name",
            "name_on_agreement",
            "signed_at",
            "ip_address",
            "user_agent",
            "auth_method",
            "account_email_changed",
            "document_sha256",
            "consent_version",
            "consent_language",
            "consent_sha256",
            "drawn_signature",
        ),
        rows=ROWS_AUDIT,
    ),
    # Money paid to and back from the participant: the audit checks it, line by line of
    # the bank statement, so every row is kept while it may ask, then deleted.
    Holding(
        "finance.Payment",
        "mobility__participant",
        _all(
            AUDIT,
            "id",
            "mobility",
            "agreement",
            "kind",
            "amount",
            "due_date",
            "split",
            "created_at",
        ),
        rows=ROWS_AUDIT,
    ),
    Holding(
        "finance.Transfer",
        "payment__mobility__participant",
        _all(
            AUDIT,
            "id",
            "payment",
            "paid_on",
            "amount",
            "reference",
            "recorded_by",
            "recorded_at",
        ),
        rows=ROWS_AUDIT,
        not_exported={"recorded_by": OTHER_PERSON},
    ),
    # What happened may name the person's reasons (an illness under force majeure).
    Holding(
        "finance.Reduction",
        "mobility__participant",
        _all(
            AUDIT,
            "id",
            "mobility",
            "reason",
            "explanation",
            "last_day",
            "amount",
            "recorded_by",
            "recorded_at",
        ),
        rows=ROWS_AUDIT,
        not_exported={"recorded_by": OTHER_PERSON},
    ),
    # The school's accounts: the figures stay; the invoice, the proof of payment (a
    # ticket names its passenger) and the note are kept while the audit may ask.
    Holding(
        "finance.Cost",
        "mobility__participant",
        _all(
            KEEP,
            "id",
            "project",
            "mobility",
            "kind",
            "category",
            "supplier",
            "invoice_number",
            "invoice_date",
            "amount",
            "currency",
            "exchange_rate",
            "amount_eur",
            "paid_on",
            "recorded_by",
            "recorded_at",
        )
        | _all(
            AUDIT, "invoice", "invoice_name", "proof_of_payment", "proof_of_payment_name", "note"
        ),
        not_exported={"recorded_by": OTHER_PERSON},
    ),
    Holding(
        "participants.SelectionApplication",
        "applicant",
        _all(
            KEEP,
            "id",
            "call",
            "applicant",
            "submitted_on",
            "decision",
            "decided_by",
            "decided_at",
            "decided_on",
            "withdrawn_on",
            "mobility",
        )
        | {"motivation": ERASE, "decision_reason": ERASE, "withdrawal_reason": ERASE},
    ),
    # The points stay (not about who once the applicant is pseudonymised): the ranking of
    # the call's other applicants does not change.
    Holding(
        "participants.SelectionScore",
        "application__applicant",
        _all(KEEP, "id", "application", "criterion", "evaluator", "points", "scored_at"),
        not_exported={"evaluator": OTHER_PERSON},
    ),
]

BY_LABEL = {holding.label: holding for holding in HOLDINGS}

# Models that refer to a participant (through the models above) but hold nothing about
# them, and why; and the history models, handled with the model they record.
NOT_HELD = {
    "mobilities.HistoricalMobility": "the history of mobilities.Mobility: the same fields",
    "mobilities.HistoricalMobility_goals": "which goals a mobility served: not personal",
    # It names each file uploaded or deleted; privacy.erasure deletes these rows with the
    # files they are about.
    "mobilities.HistoricalMobilityFile": "the history of mobilities.MobilityFile",
    # Kept and deleted with the payments, transfers and reductions they record.
    "finance.HistoricalPayment": "the history of finance.Payment",
    "finance.HistoricalTransfer": "the history of finance.Transfer",
    "finance.HistoricalReduction": "the history of finance.Reduction",
    "finance.HistoricalCost": "the history of finance.Cost: deleted with its files",
    "results.HistoricalUnitAssessment": "the history of results.UnitAssessment",
    "results.HistoricalRecognition": "the history of results.Recognition",
    "results.HistoricalOlsAssessment": "the history of results.OlsAssessment: the same levels",
    "results.HistoricalLearningTransfer": "the history of results.LearningTransfer",
    # Its presenter, description and file name are removed with the event's.
    "results.HistoricalDisseminationEvent": "the history of results.DisseminationEvent",
}
# Models whose django-simple-history rows are treated like the records.
WITH_HISTORY = ("participants.Participant", "mobilities.Mobility")


def fields_of(label: str, treatment: str) -> list[str]:
    return [name for name, value in BY_LABEL[label].fields.items() if value == treatment]
