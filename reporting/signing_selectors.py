"""Reads of grant agreement versions and their signatures: for the coordinator's pages,
scoped through projects.access (another organisation's agreement is a 404), and for the
portal, scoped to the signed-in participant or guardian (anyone else's is a 404)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from projects import access

from .models import AgreementVersion, SignatureEvent, SignerRole
from .signing import guardian_expected, next_role

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


def agreement_state(agreement: AgreementVersion, today=None) -> AgreementState:
    signatures = list(agreement.signatures.all())
    return AgreementState(
        agreement,
        signatures,
        next_role(agreement, signatures),
        guardian_expected(agreement, today or timezone.localdate()),
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
