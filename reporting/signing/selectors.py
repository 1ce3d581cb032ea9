"""Reads of grant agreement versions and their signatures: for the coordinator's pages,
scoped through core.access (another organisation's agreement is a 404), and for the
portal, scoped to the signed-in participant or guardian (anyone else's is a 404)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import access

from ..models import AgreementVersion, SignatureEvent, SignerRole
from . import guardian_expected, next_role

Status = AgreementVersion.Status
RELATED = ("mobility__project__organisation", "mobility__participant", "document")


def _with_signatures(queryset: QuerySet[AgreementVersion]) -> QuerySet[AgreementVersion]:
    events = SignatureEvent.objects.select_related("signer").order_by("signed_at", "pk")
    return queryset.select_related(*RELATED).prefetch_related(
        Prefetch("signatures", queryset=events)
    )


@dataclass
class AgreementState:
    """A version with what its pages show: its signatures and who signs next."""

    agreement: AgreementVersion
    signatures: list = field(default_factory=list)
    next_role: str | None = None
    guardian_expected: bool = False

    @property
    def waits_for_final_pdf(self) -> bool:
        return self.agreement.is_open and self.next_role is None

    @property
    def next_role_label(self) -> str:
        return SignerRole(self.next_role).label if self.next_role else ""

    def signature_of(self, role: str | None):
        """The signature given in `role`, if any."""
        return next((event for event in self.signatures if event.role == role), None)

    @property
    def progress_label(self) -> str:
        """Where the agreement stands, for its badge."""
        if self.agreement.is_open and self.next_role:
            return _("Waiting for: %(role)s") % {"role": self.next_role_label}
        if self.waits_for_final_pdf:
            return _("Signed by everybody; the PDF is being made")
        return self.agreement.get_status_display()

    @property
    def next_step(self) -> str:
        """What happens next, in a sentence for the signers."""
        agreement = self.agreement
        if agreement.is_signed:
            return _("The agreement is signed by everybody: the signed PDF is ready.")
        if self.waits_for_final_pdf:
            return _("Everybody has signed; the signed PDF is being made.")
        if not agreement.is_open:
            return ""
        if self.next_role == SignerRole.PARTICIPANT:
            return _("The participant signs first.")
        if self.next_role == SignerRole.GUARDIAN:
            return _(
                "Next, the participant's parent or guardian (%(name)s) signs, in their own "
                "portal account; then the school countersigns."
            ) % {"name": agreement.guardian_name}
        return _("Next, the school countersigns. Then the signed agreement can be downloaded here.")


def agreement_state(agreement: AgreementVersion, today=None) -> AgreementState:
    signatures = list(agreement.signatures.all())
    return AgreementState(
        agreement,
        signatures,
        next_role(agreement, signatures),
        guardian_expected(agreement, today or timezone.localdate()),
    )


def newest_version(agreement: AgreementVersion) -> AgreementVersion | None:
    """The version that replaced a superseded one (the mobility's current version)."""
    if not agreement.is_superseded:
        return None
    return (
        AgreementVersion.objects.filter(mobility_id=agreement.mobility_id)
        .exclude(status=Status.SUPERSEDED)
        .first()
    )


def mobility_agreements(mobility) -> list[AgreementState]:
    """Every version of the mobility's grant agreement, newest first: two queries."""
    versions = _with_signatures(mobility.agreement_versions.all()).order_by("-number")
    today = timezone.localdate()
    return [agreement_state(version, today) for version in versions]


def agreement_get(user, pk: int) -> AgreementVersion:
    """For the coordinator's pages: members of the mobility's organisation only."""
    return access.get_for_user(
        _with_signatures(AgreementVersion.objects.all()),
        user,
        "mobility__project__organisation",
        pk=pk,
    )


def portal_agreements(account) -> list[AgreementState]:
    """The agreements a portal account sees: a participant, all of their own; a guardian,
    only those that need (or got) a guardian's signature."""
    versions = _with_signatures(
        AgreementVersion.objects.filter(mobility__participant_id=account.participant_id)
        .exclude(status=Status.PREPARING)
        .order_by("mobility__start_date", "-number")
    )
    today = timezone.localdate()
    states = [agreement_state(version, today) for version in versions]
    if not account.is_guardian:
        return states
    return [state for state in states if _guardian_sees(state)]


def _guardian_sees(state: AgreementState) -> bool:
    if any(event.role == SignerRole.GUARDIAN for event in state.signatures):
        return True
    return state.agreement.status != Status.SUPERSEDED and state.guardian_expected


def portal_agreement_get(account, pk: int) -> AgreementState:
    for state in portal_agreements(account):
        if state.agreement.pk == pk:
            return state
    raise Http404
