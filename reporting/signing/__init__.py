"""Online signing of participants' grant agreements.

1. send: the coordinator sends the agreement for signing in a language. A fresh grant
   agreement is requested (rendered by the Celery task) and an AgreementVersion waits for
   it ("preparing"), with the fingerprint of what the agreement says (dates, amounts,
   names: agreement_content).
2. freeze: once rendered, the document's exact bytes are copied with their SHA-256 and
   the version is "open" (agreement_document_rendered, called by the task).
3. sign: the participant; then a guardian if the participant is under 18 on the day they
   sign; the organisation last (agreement_sign). Each signature is an append-only
   SignatureEvent. The signer types the name on the agreement: compared without case,
   extra spaces or diacritics (a learner on a phone may type "Berzina" for "Bērziņa"),
   and recorded exactly as typed.
4. finalise: after the last signature the final PDF (signing_pdf.final_pdf) is made
   outside the transaction and stored with its SHA-256 (agreement_finalize, a task).

Every change of a mobility's grant passes budget.services, which sends grants_stored:
agreements_follow_changes compares each current version's fingerprint and, when what the
agreement says changed, supersedes the version (kept, with its signatures) and starts the
next one. Terms set on the project's Documents tab follow the same way
(agreements_follow_terms, on reporting.signals.agreement_terms_changed): a new payment
schedule supersedes every current version, signed ones included; a new representative
only those the organisation has not signed yet. Who receives which part of the grant
(reporting.share: paid, in kind, kept) is part of the fingerprint, and a change of those
rules is followed the same way (agreements_follow_share).
"""

from .final import Mismatch, agreement_files_check, agreement_finalize, agreement_finalize_again
from .roles import (
    comparable_name,
    expected_name,
    guardian_expected,
    names_match,
    next_role,
    signer_role,
)
from .signatures import MAX_DRAWING_CHARS, SigningClient, agreement_sign, validated_drawing
from .versions import (
    Status,
    TamperedFile,
    agreement_content,
    agreement_document_rendered,
    agreement_fingerprint,
    agreement_send,
    agreement_send_warnings,
    agreements_follow_changes,
    agreements_follow_share,
    agreements_follow_terms,
    missing_parties,
    verified_bytes,
)

__all__ = [
    "MAX_DRAWING_CHARS",
    "Mismatch",
    "SigningClient",
    "Status",
    "TamperedFile",
    "agreement_content",
    "agreement_document_rendered",
    "agreement_files_check",
    "agreement_finalize",
    "agreement_finalize_again",
    "agreement_fingerprint",
    "agreement_send",
    "agreement_send_warnings",
    "missing_parties",
    "agreement_sign",
    "agreements_follow_changes",
    "agreements_follow_share",
    "agreements_follow_terms",
    "comparable_name",
    "expected_name",
    "guardian_expected",
    "names_match",
    "next_role",
    "signer_role",
    "validated_drawing",
    "verified_bytes",
]
