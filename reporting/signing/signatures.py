"""Signing: a signature is recorded as an append-only SignatureEvent when the signer's role,
turn and typed name, the frozen bytes and the consent text all check out; a drawn signature
is optional, a PNG data URL of a sensible size. After the last signature the final PDF is
queued."""

import base64
import binascii
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import PortalAccount
from projects.signals import bump_projects

from ..models import AgreementVersion, SignatureEvent, SignerRole
from ..pdf import PNG_DATA_URL, PNG_SIGNATURE
from .consent import CURRENT_VERSION, consent_for
from .final import enqueue_finalize
from .roles import expected_name, names_match, next_role, signer_role
from .versions import TamperedFile, verified_bytes

logger = logging.getLogger(__name__)

Status = AgreementVersion.Status
# A drawn signature is a small PNG; this is far more than a phone's canvas produces.
MAX_DRAWING_CHARS = 300_000


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
            transaction.on_commit(lambda: enqueue_finalize(locked.pk))
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
        account_email_changed=_account_email_changed(user),
    )
    event.full_clean()
    event.save()
    if role == SignerRole.PARTICIPANT:
        minor = agreement.mobility.participant.is_minor_on(timezone.localdate())
        agreement.guardian_required = minor
        agreement.save(update_fields=["guardian_required"])
    return event


def _account_email_changed(user) -> bool | None:
    """Whether the signer's portal account moved to another e-mail address after its
    invitation; None for a signer without one (the organisation's representative)."""
    account = PortalAccount.objects.filter(user=user).only("email_changed_at").first()
    return None if account is None else account.email_changed_at is not None


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
