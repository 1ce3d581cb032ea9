"""Who signs, and in which order: the role a user may sign an agreement in, whether a
guardian signs, who signs next (the participant, a guardian for a minor, the organisation
last) and the name each signer types, compared without case, extra spaces or diacritics."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from core import access
from participants.models import PortalAccount, PortalRole

from ..models import AgreementVersion, SignerRole

Status = AgreementVersion.Status


def comparable_name(name: str) -> str:
    """A name without case, diacritics or extra spaces: "  BĒRZIŅA " -> "berzina"."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def names_match(typed: str, expected: str) -> bool:
    return bool(expected.strip()) and comparable_name(typed) == comparable_name(expected)


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
    representative named on the agreement, who must be the signing user: no other
    coordinator countersigns, and an agreement naming nobody is not countersigned."""
    if role == SignerRole.PARTICIPANT:
        return agreement.participant_name
    if role == SignerRole.GUARDIAN:
        return agreement.guardian_name
    representative = agreement.representative_name.strip()
    if not representative:
        raise ValidationError(
            _(
                "The agreement names no representative of the organisation: enter them in the "
                "project's grant agreement terms; the agreement is then sent again naming them."
            )
        )
    if not names_match(user.get_full_name(), representative):
        raise ValidationError(
            _(
                "The agreement names %(name)s as the organisation's representative: only "
                "they can countersign it, signed in with their own account."
            )
            % {"name": representative}
        )
    return representative
