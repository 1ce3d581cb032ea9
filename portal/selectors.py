"""Reads of the participant portal. A portal user reaches only their own participant's
records: anything else is a 404, like another organisation's objects for coordinators.
Guardians reach only the agreements they sign (reporting.signing.selectors)."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilities.models import Mobility, MobilityFile, ParticipantReport
from participants.models import FileRequest, PortalAccount, PortalInvitation, PortalRole
from reporting.models import GeneratedDocument, SignerRole
from reporting.selectors import documents_for_participant


def portal_account_get(user) -> PortalAccount:
    """The signed-in user's portal account; 404 for anyone without one (coordinators)."""
    if not user.is_authenticated:
        raise Http404
    account = PortalAccount.objects.select_related("participant__organisation").filter(user=user)
    account = account.first()
    if account is None:
        raise Http404
    return account


def _own_mobilities(account: PortalAccount) -> QuerySet[Mobility]:
    return Mobility.objects.filter(participant_id=account.participant_id).exclude(
        status=Mobility.Status.CANCELLED
    )


def portal_mobilities(account: PortalAccount) -> QuerySet[Mobility]:
    """The participant's own mobilities; none for a guardian."""
    if account.is_guardian:
        return Mobility.objects.none()
    return _own_mobilities(account).select_related("project", "host").order_by("start_date", "pk")


def portal_mobility_get(account: PortalAccount, pk: int) -> Mobility:
    mobility = portal_mobilities(account).filter(pk=pk).first()
    if mobility is None:
        raise Http404
    return mobility


def preparation_steps(mobility: Mobility):
    return mobility.preparation_items.order_by("due_date", "pk")


def file_requests(mobility: Mobility) -> list[FileRequest]:
    return list(mobility.file_requests.select_related("uploaded_file").order_by("requested_at"))


def own_uploads(mobility: Mobility, account: PortalAccount) -> QuerySet[MobilityFile]:
    return mobility.files.filter(uploaded_by_id=account.user_id).order_by("-uploaded_at")


def portal_documents(mobility: Mobility) -> QuerySet[GeneratedDocument]:
    """Ready documents about the mobility; the latest version of each kind and language
    first."""
    return (
        documents_for_participant(mobility.participant)
        .filter(mobility=mobility)
        .order_by("kind", "language", "-version")
    )


def portal_document_get(account: PortalAccount, pk: int) -> GeneratedDocument:
    if account.is_guardian:
        raise Http404
    document = documents_for_participant(account.participant).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def portal_file_get(account: PortalAccount, pk: int) -> MobilityFile:
    """A file the participant uploaded for one of their own mobilities."""
    if account.is_guardian:
        raise Http404
    stored = MobilityFile.objects.filter(
        pk=pk, uploaded_by_id=account.user_id, mobility__in=_own_mobilities(account)
    ).first()
    if stored is None:
        raise Http404
    return stored


def open_file_request_get(mobility: Mobility, pk: int) -> FileRequest:
    request = mobility.file_requests.filter(pk=pk, fulfilled_at__isnull=True).first()
    if request is None:
        raise Http404
    return request


@dataclass
class Todo:
    text: str
    anchor: str


def participant_todo(mobility, agreements, requests, today=None) -> list[Todo]:
    """What the participant still has to do for this mobility, in the order to do it."""
    today = today or timezone.localdate()
    todo = []
    for state in agreements:
        own = state.agreement.mobility_id == mobility.pk
        if own and state.next_role == SignerRole.PARTICIPANT:
            text = _("Sign your grant agreement (version %(n)d).") % {"n": state.agreement.number}
            todo.append(Todo(text, "agreement"))
    todo += [
        Todo(_("Upload: %(document)s.") % {"document": request.get_kind_display()}, "uploads")
        for request in requests
        if request.is_open
    ]
    if report_to_confirm(mobility, today):
        todo.append(Todo(_("Send your participant report, then confirm it here."), "report"))
    return todo


def report_to_confirm(mobility: Mobility, today) -> bool:
    """The report is asked for once the coordinator requested it or the stay is over."""
    if mobility.participant_report == ParticipantReport.SUBMITTED:
        return False
    return mobility.participant_report == ParticipantReport.REQUESTED or mobility.end_date < today


# The coordinator's view of a participant's portal


@dataclass
class PortalAccess:
    role: str
    label: str
    email: str
    account: PortalAccount | None = None
    invitation: PortalInvitation | None = None
    now: object = None

    @property
    def invitation_pending(self) -> bool:
        return self.invitation is not None and self.invitation.is_usable(self.now)


def portal_access(participant) -> list[PortalAccess]:
    """The participant's and (for a minor, or with a guardian's e-mail) the guardian's
    account and latest invitation: two queries."""
    accounts = {a.role: a for a in participant.portal_accounts.select_related("user")}
    latest = {}
    for invitation in participant.portal_invitations.order_by("-created_at", "-pk"):
        latest.setdefault(invitation.role, invitation)
    now = timezone.now()
    accesses = [
        PortalAccess(
            PortalRole.PARTICIPANT,
            PortalRole.PARTICIPANT.label,
            participant.email,
            accounts.get(PortalRole.PARTICIPANT),
            latest.get(PortalRole.PARTICIPANT),
            now,
        )
    ]
    if participant.is_minor or participant.guardian_email or PortalRole.GUARDIAN in accounts:
        accesses.append(
            PortalAccess(
                PortalRole.GUARDIAN,
                PortalRole.GUARDIAN.label,
                participant.guardian_email,
                accounts.get(PortalRole.GUARDIAN),
                latest.get(PortalRole.GUARDIAN),
                now,
            )
        )
    return accesses
