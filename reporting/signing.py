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
next one. Terms set on the project's Documents tab (payment schedule, representative) are
not followed automatically: the coordinator sends a new version.
"""

import base64
import binascii
import hashlib
import json
import logging
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.choices import BudgetCategory
from mobilities.models import Mobility
from participants.models import PortalAccount, PortalRole
from projects import access
from projects.signals import bump_projects

from . import services
from .documents import grant_agreement_terms
from .models import (
    AgreementVersion,
    DocumentKind,
    DocumentLanguage,
    SignatureEvent,
    SignerRole,
)
from .pdf import PNG_DATA_URL, PNG_SIGNATURE
from .signing_consent import CURRENT_VERSION, consent_for
from .signing_pdf import final_pdf, sha256_of

logger = logging.getLogger(__name__)

Status = AgreementVersion.Status
# A drawn signature is a small PNG; this is far more than a phone's canvas produces.
MAX_DRAWING_CHARS = 300_000


class TamperedFile(Exception):
    """A stored agreement's bytes no longer match their SHA-256."""


# What the agreement says


def agreement_content(mobility: Mobility) -> dict:
    """What a grant agreement says about its mobility that a change would make untrue."""
    participant = mobility.participant
    grant = getattr(mobility, "grant", None)
    return {
        "participant": [
            participant.first_name,
            participant.last_name,
            participant.date_of_birth.isoformat(),
            participant.guardian_name,
        ],
        "activity": [mobility.activity_type, mobility.role, mobility.host_id, mobility.group_id],
        "from": [mobility.origin_city, str(mobility.origin_country)],
        "to": [mobility.destination_city, str(mobility.destination_country)],
        "dates": [mobility.start_date.isoformat(), mobility.end_date.isoformat()],
        "travel": [mobility.travel_days, mobility.green_travel, mobility.virtual_component],
        "grant": {
            category: str(getattr(grant, category)) if grant else "0.00"
            for category in BudgetCategory.values
        },
        "funded_days": getattr(grant, "funded_days", None),
    }


def agreement_fingerprint(mobility: Mobility) -> str:
    content = json.dumps(agreement_content(mobility), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()


def _mobility_for_content(mobility_id: int) -> Mobility:
    return Mobility.objects.select_related("participant", "grant", "project").get(pk=mobility_id)


def comparable_name(name: str) -> str:
    """A name without case, diacritics or extra spaces: "  BĒRZIŅA " -> "berzina"."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def names_match(typed: str, expected: str) -> bool:
    return bool(expected.strip()) and comparable_name(typed) == comparable_name(expected)


# Sending for signing


def _request_document(mobility, language, user):
    return services.document_request(
        kind=DocumentKind.GRANT_AGREEMENT,
        language=language,
        project=mobility.project,
        mobility=mobility,
        user=user,
    )


def _supersede(version: AgreementVersion, reason: str) -> None:
    version.status = Status.SUPERSEDED
    version.superseded_at = timezone.now()
    version.superseded_reason = reason[:300]
    version.save(update_fields=["status", "superseded_at", "superseded_reason"])


def _start_version(mobility, language, user, fingerprint) -> AgreementVersion:
    last = mobility.agreement_versions.aggregate(n=Max("number"))["n"] or 0
    version = AgreementVersion(
        mobility=mobility,
        number=last + 1,
        language=language,
        document=_request_document(mobility, language, user),
        content_fingerprint=fingerprint,
        created_by=user,
    )
    version.full_clean()
    version.save()
    return version


def _refresh_preparing(version, user, fingerprint) -> AgreementVersion:
    """A version still waiting for its document simply waits for a newer one."""
    version.document = _request_document(version.mobility, version.language, user)
    version.content_fingerprint = fingerprint
    version.save(update_fields=["document", "content_fingerprint", "language"])
    return version


def agreement_send(*, mobility: Mobility, language: str, user=None) -> AgreementVersion:
    """Send the mobility's grant agreement for signing in `language`: a fresh document is
    rendered and then frozen. A current version is superseded (kept with its signatures);
    one still preparing waits for the fresh document instead."""
    if language not in DocumentLanguage.values:
        raise ValidationError({"language": _("Choose Latvian or English.")})
    if mobility.status == Mobility.Status.CANCELLED:
        raise ValidationError(_("A cancelled mobility has no agreement to sign."))
    fingerprint = agreement_fingerprint(_mobility_for_content(mobility.pk))
    with transaction.atomic():
        current = (
            AgreementVersion.objects.select_for_update()
            .filter(mobility=mobility)
            .exclude(status=Status.SUPERSEDED)
            .first()
        )
        if current is not None and current.status == Status.PREPARING:
            current.language = language
            version = _refresh_preparing(current, user, fingerprint)
        else:
            if current is not None:
                _supersede(current, _("Replaced by a new version sent by the coordinator."))
            version = _start_version(mobility, language, user, fingerprint)
        bump_projects(pk=mobility.project_id)
    return version


# Freezing the rendered document


def _stored_bytes(file_field) -> bytes:
    with file_field.storage.open(file_field.name, "rb") as handle:
        return handle.read()


def verified_bytes(file_field, expected_sha256: str) -> bytes:
    """The stored file's bytes; TamperedFile when they are missing or not what was stored."""
    try:
        data = _stored_bytes(file_field)
    except (FileNotFoundError, ValueError) as error:
        raise TamperedFile(f"{file_field.name or '(no file)'}: missing") from error
    if sha256_of(data) != expected_sha256:
        raise TamperedFile(f"{file_field.name}: SHA-256 does not match")
    return data


def _storage_name(version: AgreementVersion, suffix: str) -> str:
    mobility = version.mobility
    return (
        f"signatures/{mobility.project_id}/{mobility.pk}/"
        f"grant-agreement-v{version.number}{suffix}.pdf"
    )


def agreement_document_rendered(*, document_id: int) -> AgreementVersion | None:
    """Freeze the version waiting for this (now ready) document: copy its exact bytes.
    Called after every rendering; does nothing for other documents."""
    version = (
        AgreementVersion.objects.select_related("document", "mobility__project")
        .filter(document_id=document_id, status=Status.PREPARING)
        .first()
    )
    if version is None or not version.document.is_ready:
        return None
    mobility = _mobility_for_content(version.mobility_id)
    if agreement_fingerprint(mobility) != version.content_fingerprint:
        # Changed while it was being rendered: this document may say the old dates.
        with transaction.atomic():
            _refresh_preparing(version, version.created_by, agreement_fingerprint(mobility))
        return None
    try:
        data = verified_bytes(version.document.file, version.document.sha256)
    except TamperedFile:
        logger.error("Grant agreement document %s does not match its SHA-256", document_id)
        return None
    return _freeze(version, mobility, data)


def _freeze(version: AgreementVersion, mobility: Mobility, data: bytes) -> AgreementVersion | None:
    name = default_storage.save(_storage_name(version, ""), ContentFile(data))
    terms = grant_agreement_terms(mobility.project)
    frozen = AgreementVersion.objects.filter(
        pk=version.pk, status=Status.PREPARING, document_id=version.document_id
    ).update(
        status=Status.OPEN,
        frozen_file=name,
        frozen_sha256=sha256_of(data),
        frozen_size=len(data),
        frozen_at=timezone.now(),
        participant_name=mobility.participant.full_name,
        guardian_name=mobility.participant.guardian_name,
        representative_name=terms.representative_name,
    )
    if not frozen:
        # Superseded or given a newer document meanwhile: this copy is not needed.
        default_storage.delete(name)
        return None
    bump_projects(pk=mobility.project_id)
    version.refresh_from_db()
    return version


# Following changes of what the agreement says


def agreements_follow_changes(*, mobility_ids, **kwargs) -> None:
    """Receiver of budget.signals.grants_stored (see the module's docstring)."""
    current = AgreementVersion.objects.filter(
        mobility_id__in=mobility_ids, status__in=AgreementVersion.CURRENT
    )
    versions = list(
        current.select_related(
            "mobility__participant", "mobility__grant", "mobility__project"
        ).order_by("pk")
    )
    for version in versions:
        fingerprint = agreement_fingerprint(version.mobility)
        if fingerprint != version.content_fingerprint:
            _follow_change(version, fingerprint)


def _follow_change(version: AgreementVersion, fingerprint: str) -> None:
    mobility = version.mobility
    with transaction.atomic():
        if mobility.status == Mobility.Status.CANCELLED:
            # What was signed stays signed; nothing more is asked for a cancelled mobility.
            if version.status != Status.SIGNED:
                _supersede(version, _("The mobility was cancelled."))
        elif version.status == Status.PREPARING:
            _refresh_preparing(version, None, fingerprint)
        else:
            _supersede(version, _("The mobility changed (dates or amounts)."))
            _start_version(mobility, version.language, None, fingerprint)
        bump_projects(pk=mobility.project_id)


# Who signs, and signing


def signer_role(user, agreement: AgreementVersion) -> str | None:
    """The role `user` may sign `agreement` in, if any."""
    if not user.is_authenticated:
        return None
    account = PortalAccount.objects.filter(user=user).first()
    if account is not None:
        if account.participant_id != agreement.mobility.participant_id:
            return None
        return {
            PortalRole.PARTICIPANT: SignerRole.PARTICIPANT,
            PortalRole.GUARDIAN: SignerRole.GUARDIAN,
        }[account.role]
    if access.is_coordinator(user, agreement.mobility.project.organisation_id):
        return SignerRole.ORGANISATION
    return None


def guardian_expected(agreement: AgreementVersion, day=None) -> bool:
    """Whether a guardian signs: decided on the day the participant signs; before that,
    whether the participant is under 18 today."""
    if agreement.guardian_required is not None:
        return agreement.guardian_required
    return agreement.mobility.participant.is_minor_on(day or timezone.localdate())


def next_role(agreement: AgreementVersion, events) -> str | None:
    """Who signs next: the participant, a guardian for a minor, the organisation last."""
    if agreement.status != Status.OPEN:
        return None
    signed = {event.role for event in events}
    if SignerRole.PARTICIPANT not in signed:
        return SignerRole.PARTICIPANT
    if agreement.guardian_required and SignerRole.GUARDIAN not in signed:
        return SignerRole.GUARDIAN
    if SignerRole.ORGANISATION not in signed:
        return SignerRole.ORGANISATION
    return None


def expected_name(agreement: AgreementVersion, role: str, user) -> str:
    """The name the signer types: the one on the agreement. For the organisation, its
    representative named on the agreement (who must be the signing user), or else the
    signing coordinator's own name."""
    if role == SignerRole.PARTICIPANT:
        return agreement.participant_name
    if role == SignerRole.GUARDIAN:
        return agreement.guardian_name
    own = user.get_full_name().strip()
    if agreement.representative_name and not names_match(own, agreement.representative_name):
        raise ValidationError(
            _(
                "The agreement names %(name)s as the organisation's representative: only "
                "they can countersign it, signed in with their own account."
            )
            % {"name": agreement.representative_name}
        )
    if not (agreement.representative_name or own):
        raise ValidationError(
            _("Your account has no name to sign with: ask an administrator to add it.")
        )
    return agreement.representative_name or own


def validated_drawing(value: str) -> str:
    """A drawn signature: empty, or a PNG data URL of a sensible size."""
    value = (value or "").strip()
    if not value:
        return ""
    problem = ValidationError(
        {
            "drawn_signature": _(
                "The drawn signature could not be read: clear it and draw again, or sign "
                "without it."
            )
        }
    )
    if len(value) > MAX_DRAWING_CHARS or not value.startswith(PNG_DATA_URL):
        raise problem
    try:
        data = base64.b64decode(value[len(PNG_DATA_URL) :], validate=True)
    except (binascii.Error, ValueError):
        raise problem from None
    if not data.startswith(PNG_SIGNATURE):
        raise problem
    return value


@dataclass(frozen=True)
class SigningClient:
    """Where a signature came from, read from the request by the view."""

    ip_address: str
    user_agent: str
    auth_method: str


def agreement_sign(
    *,
    agreement: AgreementVersion,
    user,
    typed_name: str,
    document_sha256: str,
    consent_version: str,
    language: str,
    client: SigningClient,
    drawn_signature: str = "",
) -> SignatureEvent:
    """Record `user`'s signature of `agreement` in their role; ValidationError (naming the
    field where there is one) when it cannot be signed now or not like this."""
    role = signer_role(user, agreement)
    if role is None:
        raise ValidationError(_("You cannot sign this agreement."))
    drawing = validated_drawing(drawn_signature)
    _check_frozen_file(agreement)
    with transaction.atomic():
        locked = (
            AgreementVersion.objects.select_for_update()
            .select_related("mobility__participant", "mobility__project__organisation")
            .get(pk=agreement.pk)
        )
        event = _record(
            locked,
            role,
            user,
            typed_name=typed_name,
            document_sha256=document_sha256,
            consent_version=consent_version,
            language=language,
            client=client,
            drawing=drawing,
        )
        if next_role(locked, locked.signatures.all()) is None:
            transaction.on_commit(lambda: _enqueue_finalize(locked.pk))
        bump_projects(pk=locked.mobility.project_id)
    return event


def _check_frozen_file(agreement: AgreementVersion) -> None:
    """Nobody signs bytes that are not the frozen ones (read outside the transaction)."""
    if not agreement.is_frozen:
        raise ValidationError(_("This agreement is not ready to be signed yet."))
    try:
        verified_bytes(agreement.frozen_file, agreement.frozen_sha256)
    except TamperedFile:
        logger.error("Agreement version %s: the frozen file does not match", agreement.pk)
        raise ValidationError(
            _(
                "The agreement's file does not match the one sent for signing, so it cannot "
                "be signed. The coordinator has to send it again."
            )
        ) from None


def _record(
    agreement,
    role,
    user,
    *,
    typed_name,
    document_sha256,
    consent_version,
    language,
    client,
    drawing,
) -> SignatureEvent:
    if agreement.status != Status.OPEN:
        raise ValidationError(_("This version of the agreement is no longer open for signatures."))
    if document_sha256 != agreement.frozen_sha256:
        raise ValidationError(
            _("The agreement changed while you were reading it: read the new version.")
        )
    if consent_version != CURRENT_VERSION:
        raise ValidationError(_("The consent statement changed: read it again."))
    expected = next_role(agreement, agreement.signatures.all())
    if role != expected:
        raise ValidationError(_order_message(role, expected))
    name = expected_name(agreement, role, user)
    if not names_match(typed_name, name):
        raise ValidationError(
            {"typed_name": _("Type the name as it is on the agreement: %(name)s.") % {"name": name}}
        )
    consent = consent_for(agreement, role, language)
    event = SignatureEvent(
        agreement=agreement,
        role=role,
        signer=user,
        typed_name=typed_name.strip()[:200],
        name_on_agreement=name,
        signed_at=timezone.now(),
        ip_address=client.ip_address,
        user_agent=client.user_agent[:500],
        auth_method=client.auth_method,
        document_sha256=agreement.frozen_sha256,
        consent_version=consent.version,
        consent_language=consent.language,
        consent_sha256=consent.sha256,
        drawn_signature=drawing,
    )
    event.full_clean()
    event.save()
    if role == SignerRole.PARTICIPANT:
        minor = agreement.mobility.participant.is_minor_on(timezone.localdate())
        agreement.guardian_required = minor
        agreement.save(update_fields=["guardian_required"])
    return event


def _order_message(role: str, expected: str | None) -> str:
    if expected is None:
        return _("Everybody has signed this agreement already.")
    if role == SignerRole.ORGANISATION or (
        role == SignerRole.GUARDIAN and expected == SignerRole.PARTICIPANT
    ):
        return _("Not yet: %(role)s signs first.") % {"role": SignerRole(expected).label}
    if role == SignerRole.GUARDIAN:
        return _("No guardian's signature is needed for this agreement.")
    return _("You have signed this agreement already.")


# The final PDF


def _enqueue_finalize(agreement_id: int) -> None:
    from .tasks import finalize_agreement  # tasks.py imports this module

    try:
        finalize_agreement.delay(agreement_id)
    except Exception:  # noqa: BLE001 - the broker may be down; the page offers to retry
        logger.exception("Could not queue the final PDF of agreement %s", agreement_id)


def agreement_finalize(*, agreement_id: int) -> bool:
    """Make and store the final PDF of a fully signed version; False when there is nothing
    to do (not complete, already signed, superseded) or another call stored it first."""
    agreement = AgreementVersion.objects.select_related(
        "document__project__organisation", "mobility__participant", "mobility__project"
    ).get(pk=agreement_id)
    events = list(agreement.signatures.select_related("signer").order_by("signed_at", "pk"))
    if agreement.status != Status.OPEN or next_role(agreement, events) is not None:
        return False
    frozen = verified_bytes(agreement.frozen_file, agreement.frozen_sha256)
    # Rendering and sealing take seconds: no transaction is open meanwhile.
    final = final_pdf(agreement, events, frozen)
    name = default_storage.save(_storage_name(agreement, "-signed"), ContentFile(final.data))
    stored = AgreementVersion.objects.filter(pk=agreement.pk, status=Status.OPEN).update(
        status=Status.SIGNED,
        final_file=name,
        final_sha256=final.sha256,
        final_size=len(final.data),
        sealed=final.sealed,
        signed_at=events[-1].signed_at,
    )
    if not stored:
        default_storage.delete(name)
        return False
    bump_projects(pk=agreement.mobility.project_id)
    return True


def agreement_finalize_again(agreement: AgreementVersion) -> None:
    """The coordinator's retry when the final PDF could not be made (queued again)."""
    _enqueue_finalize(agreement.pk)


# Verification


@dataclass
class Mismatch:
    agreement: AgreementVersion
    which: str
    problem: str


def agreement_files_check(queryset=None):
    """Every frozen and final PDF whose bytes no longer match their SHA-256."""
    queryset = queryset if queryset is not None else AgreementVersion.objects.all()
    frozen = queryset.exclude(frozen_sha256="").select_related("mobility__project")
    for agreement in frozen.order_by("pk").iterator(chunk_size=200):
        checks = [("agreement to sign", agreement.frozen_file, agreement.frozen_sha256)]
        if agreement.final_sha256:
            checks.append(("signed agreement", agreement.final_file, agreement.final_sha256))
        for which, file_field, sha256 in checks:
            try:
                verified_bytes(file_field, sha256)
            except TamperedFile as error:
                yield Mismatch(agreement, which, str(error))
