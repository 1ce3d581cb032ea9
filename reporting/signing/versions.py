"""The versions of a mobility's grant agreement: what the agreement says (its content and
fingerprint), sending it for signing (a fresh document is requested and the version waits
for it, "preparing"), freezing the rendered document's exact bytes with their SHA-256
("open"), reading stored bytes back only when they still match their SHA-256, and following
changes of what the agreement says (the version is superseded and the next one started)."""

import hashlib
import json
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.choices import BudgetCategory
from mobilities.models import Mobility
from projects.signals import bump_projects

from .. import services
from ..documents import grant_agreement_terms, grant_agreement_text
from ..models import AgreementVersion, DocumentKind, DocumentLanguage, SupersededBecause
from ..share import participant_share, share_fingerprint_content
from .pdf import sha256_of

logger = logging.getLogger(__name__)

Status = AgreementVersion.Status


class TamperedFile(Exception):
    """A stored agreement's bytes no longer match their SHA-256."""


# What the agreement says


def agreement_content(mobility: Mobility) -> dict:
    """What a grant agreement says about its mobility that a change would make untrue."""
    participant = mobility.participant
    organisation = mobility.project.organisation
    grant = getattr(mobility, "grant", None)
    share, share_stated = share_fingerprint_content(mobility)
    paid = share.split.paid_total
    return {
        "participant": [
            participant.first_name,
            participant.last_name,
            participant.date_of_birth.isoformat(),
            participant.guardian_name,
            participant.national_id,
            participant.address,
            participant.gender,
            # Printed only where money is paid to the participant.
            participant.iban if paid else "",
        ],
        "organisation": [
            organisation.legal_name,
            organisation.registration_number,
            organisation.oid,
            organisation.address,
            organisation.city,
            str(organisation.country),
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
        "share": share_stated,
    }


def agreement_fingerprint(mobility: Mobility) -> str:
    content = json.dumps(agreement_content(mobility), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(content.encode()).hexdigest()


def _mobility_for_content(mobility_id: int) -> Mobility:
    return Mobility.objects.select_related("participant", "grant", "project__organisation").get(
        pk=mobility_id
    )


# Sending for signing


def _request_document(mobility, language, user):
    return services.document_request(
        kind=DocumentKind.GRANT_AGREEMENT,
        language=language,
        project=mobility.project,
        mobility=mobility,
        user=user,
    )


def _supersede(version: AgreementVersion, because: str) -> None:
    version.status = Status.SUPERSEDED
    version.superseded_at = timezone.now()
    version.superseded_because = because
    version.save(update_fields=["status", "superseded_at", "superseded_because"])


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


def missing_parties(mobility: Mobility) -> list[str]:
    """What the agreement's parties still lack for it to be signed, by name: the
    participant's personal code and address, their bank account where money is paid to
    them, and the organisation's representative (who alone may countersign)."""
    participant = mobility.participant
    missing = []
    if not participant.national_id.strip():
        missing.append(_("the participant's personal code"))
    if not participant.address.strip():
        missing.append(_("the participant's address"))
    if not participant.iban and participant_share(mobility).split.paid_total > 0:
        missing.append(_("the participant's bank account (IBAN), where the grant is paid"))
    if not grant_agreement_terms(mobility.project).representative_name.strip():
        missing.append(
            _("the organisation's representative (in the grant agreement terms of the project)")
        )
    return missing


def agreement_send_warnings(mobility: Mobility) -> list[str]:
    """What the coordinator is told, not refused, when sending the agreement."""
    if mobility.status == Mobility.Status.PLANNED:
        return [
            _(
                "The mobility is still only planned: make sure it is approved before the "
                "participant signs."
            )
        ]
    return []


def agreement_send(*, mobility: Mobility, language: str, user=None) -> AgreementVersion:
    """Send the mobility's grant agreement for signing in `language`: a fresh document is
    rendered and then frozen. A current version is superseded (kept with its signatures);
    one still preparing waits for the fresh document instead."""
    if language not in DocumentLanguage.values:
        raise ValidationError({"language": _("Choose Latvian or English.")})
    if mobility.status == Mobility.Status.CANCELLED:
        raise ValidationError(_("A cancelled mobility has no agreement to sign."))
    missing = missing_parties(_mobility_for_content(mobility.pk))
    if missing:
        raise ValidationError(
            _("The agreement cannot be sent for signing: it lacks %(missing)s.")
            % {"missing": "; ".join(missing)}
        )
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
                _supersede(current, SupersededBecause.SENT_AGAIN)
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


def storage_name(version: AgreementVersion, suffix: str) -> str:
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
    # The text from the same data as the PDF just rendered (the fingerprint was checked
    # above), for the signing page.
    text = grant_agreement_text(mobility.pk, version.language)
    name = default_storage.save(storage_name(version, ""), ContentFile(data))
    terms = grant_agreement_terms(mobility.project)
    frozen = AgreementVersion.objects.filter(
        pk=version.pk, status=Status.PREPARING, document_id=version.document_id
    ).update(
        status=Status.OPEN,
        frozen_file=name,
        frozen_sha256=sha256_of(data),
        frozen_size=len(data),
        frozen_at=timezone.now(),
        frozen_text_html=text,
        participant_share=participant_share(mobility).as_record(),
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


def agreements_follow_changes(
    *, mobility_ids, because=SupersededBecause.MOBILITY_CHANGED, **kwargs
) -> int:
    """Receiver of budget.signals.grants_stored (see the module's docstring); answers how
    many versions were renewed."""
    current = AgreementVersion.objects.filter(
        mobility_id__in=mobility_ids, status__in=AgreementVersion.CURRENT
    )
    versions = list(
        current.select_related(
            "mobility__participant", "mobility__grant", "mobility__project"
        ).order_by("pk")
    )
    renewed = 0
    for version in versions:
        fingerprint = agreement_fingerprint(version.mobility)
        if fingerprint != version.content_fingerprint:
            _follow_change(version, fingerprint, because)
            renewed += 1
    return renewed


def agreements_follow_share(*, mobility_ids, **kwargs) -> int:
    """Receiver of reporting.signals.grant_share_changed: an agreement that no longer says
    what the participant is paid or given in kind is signed again, even a signed one."""
    return agreements_follow_changes(
        mobility_ids=mobility_ids, because=SupersededBecause.SHARE_CHANGED
    )


# The terms that the project's agreements print: a change of the payment schedule changes
# what a participant is promised, so even a signed agreement must be signed again; a new
# representative only matters to agreements the organisation has not signed yet.
PAYMENT_TERMS = {
    "prefinancing_percent",
    "prefinancing_days_before_departure",
    "balance_days_after_report",
}
REPRESENTATIVE_TERMS = {"representative_name", "representative_position"}


def agreements_follow_terms(*, project, changed, **kwargs) -> int:
    """Receiver of reporting.signals.agreement_terms_changed: each agreement sent for
    signing that still says the old terms gets a version with the new ones; answers how
    many did."""
    statuses = [Status.PREPARING, Status.OPEN]
    if changed & PAYMENT_TERMS:
        statuses.append(Status.SIGNED)
    elif not changed & REPRESENTATIVE_TERMS:
        return 0
    versions = list(
        AgreementVersion.objects.filter(mobility__project=project, status__in=statuses)
        .exclude(mobility__status=Mobility.Status.CANCELLED)
        .select_related("mobility__participant", "mobility__grant", "mobility__project")
        .order_by("pk")
    )
    with transaction.atomic():
        for version in versions:
            _renew(
                version, agreement_fingerprint(version.mobility), SupersededBecause.TERMS_CHANGED
            )
        bump_projects(pk=project.pk)
    return len(versions)


def _follow_change(version: AgreementVersion, fingerprint: str, because: str) -> None:
    mobility = version.mobility
    with transaction.atomic():
        if mobility.status == Mobility.Status.CANCELLED:
            # What was signed stays signed; nothing more is asked for a cancelled mobility.
            if version.status != Status.SIGNED:
                _supersede(version, SupersededBecause.MOBILITY_CANCELLED)
        else:
            _renew(version, fingerprint, because)
        bump_projects(pk=mobility.project_id)


def _renew(version: AgreementVersion, fingerprint: str, because: str) -> None:
    """A version that no longer says what is true: one still preparing waits for a fresh
    document; any other is superseded (`because`) and the next one started."""
    if version.status == Status.PREPARING:
        _refresh_preparing(version, None, fingerprint)
    else:
        _supersede(version, because)
        _start_version(version.mobility, version.language, None, fingerprint)
