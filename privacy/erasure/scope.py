"""What an erasure of one participant reaches: their mobilities, split into those whose
project the grant's audit may still ask about ("held") and the others, and everything
found through them; and the plan: what would be removed and what kept, and until when.

The plan is computed from the data as it is: a second erasure after the retention period
ended removes what the first one kept; when nothing is left to remove, the plan says so."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from mobilities.models import Mobility, MobilityFile, MonitoringNote, PreparationItem
from participants.models import Participant, PortalInvitation, SelectionApplication
from reporting.models import AgreementVersion, GeneratedDocument, LearningAgreementDetails

from .. import retention
from ..inventory import ERASE, fields_of
from .items import Item

# Uploads the audit needs (KA121 supporting documents): kept while the project is held.
AUDIT_FILE_KINDS = (
    MobilityFile.Kind.GRANT_AGREEMENT,
    MobilityFile.Kind.LEARNING_AGREEMENT,
    MobilityFile.Kind.ATTENDANCE_PROOF,
    MobilityFile.Kind.COURSE_INVOICE,
)


@dataclass
class Scope:
    participant: Participant
    today: date
    held: list[Mobility] = field(default_factory=list)
    free: list[Mobility] = field(default_factory=list)
    kept_until: date | None = None

    @property
    def mobility_ids(self) -> list[int]:
        return [m.pk for m in self.held + self.free]

    @property
    def held_ids(self) -> list[int]:
        return [m.pk for m in self.held]

    @property
    def free_ids(self) -> list[int]:
        return [m.pk for m in self.free]

    @property
    def any_held(self) -> bool:
        return bool(self.held)

    @property
    def deletes_record(self) -> bool:
        """Nothing refers to the participant any more: the record itself goes."""
        return not (self.held or self.free) and not self.applications().exists()

    def applications(self):
        return SelectionApplication.objects.filter(applicant=self.participant)


def erasure_scope(participant: Participant, today: date | None = None, only_project=None):
    """`only_project`: the mobilities of that project alone (its retention period ended)."""
    today = today or timezone.localdate()
    scope = Scope(participant, today)
    mobilities = Mobility.objects.filter(participant=participant).select_related("project")
    if only_project is not None:
        mobilities = mobilities.filter(project=only_project)
    for mobility in mobilities.order_by("start_date", "pk"):
        if retention.is_held(mobility.project, today):
            scope.held.append(mobility)
            ends = retention.project_retention_ends_on(mobility.project)
            scope.kept_until = max(filter(None, [scope.kept_until, ends]))
        else:
            scope.free.append(mobility)
    return scope


# The plan


def _count(items: list[Item], code: str, count: int, until=None) -> None:
    if count:
        items.append(Item(code, count, until))


def reduced_birth_date(born: date) -> date:
    """1 January of the year: the grant's age rules still hold (nobody becomes younger)."""
    return date(born.year, 1, 1)


def _records_with(participant, condition: Q) -> int:
    """The participant's record and history rows with something under `condition`."""
    history = Participant.history.model.objects.filter(condition, id=participant.pk).count()
    return history + Participant.objects.filter(condition, pk=participant.pk).count()


def _person_removals(scope: Scope, removed: list[Item]) -> None:
    participant = scope.participant
    history = Participant.history.model.objects.filter(id=participant.pk).count()
    # The count is of history rows, which may be none: the item is there all the same.
    if scope.deletes_record:
        removed.append(Item("record", history))
        return
    if not (participant.last_name == f"#{participant.pk}" and not participant.email):
        removed.append(Item("identity", history))
    reduced = reduced_birth_date(participant.date_of_birth)
    _count(removed, "birth_date", _records_with(participant, ~Q(date_of_birth=reduced)))
    guardian = Q(guardian_name="", guardian_email="", guardian_phone="")
    _count(removed, "guardian", _records_with(participant, ~guardian))
    sensitive = Q(fewer_opportunities_categories=[], support_needs="")
    _count(removed, "sensitive", _records_with(participant, ~sensitive))
    if not scope.any_held:
        _count(removed, "nationality", _records_with(participant, ~Q(nationality="")))


def _portal_removals(scope: Scope, removed: list[Item]) -> None:
    participant = scope.participant
    _count(removed, "portal_accounts", participant.portal_accounts.count())
    _count(removed, "invitations", PortalInvitation.objects.filter(participant=participant).count())
    with_text = scope.applications().filter(~Q(motivation="") | ~Q(decision_reason__in=["", "—"]))
    _count(removed, "applications", with_text.count())


def _mobility_removals(scope: Scope, removed: list[Item]) -> None:
    ids, free = scope.mobility_ids, scope.free_ids
    has_notes = Q()
    for name in fields_of("mobilities.Mobility", ERASE):
        has_notes |= ~Q(**{name: ""})
    _count(removed, "mobility_notes", Mobility.objects.filter(has_notes, pk__in=ids).count())
    _count(removed, "monitoring_notes", MonitoringNote.objects.filter(mobility__in=ids).count())
    preparation = PreparationItem.objects.filter(mobility__in=ids).exclude(note="")
    _count(removed, "preparation_notes", preparation.count())
    files = MobilityFile.objects.filter(
        Q(mobility__in=free) | Q(mobility__in=scope.held_ids) & ~Q(kind__in=AUDIT_FILE_KINDS)
    )
    _count(removed, "files", files.count())
    _count(removed, "documents", GeneratedDocument.objects.filter(mobility__in=free).count())
    _count(removed, "agreements", AgreementVersion.objects.filter(mobility__in=free).count())
    details = LearningAgreementDetails.objects.filter(mobility__in=free)
    _count(removed, "learning_agreements", details.count())
    justified = Mobility.objects.filter(pk__in=free).exclude(short_duration_justification="")
    _count(removed, "justifications", justified.count())


def _kept(scope: Scope) -> list[Item]:
    kept: list[Item] = []
    held, until = scope.held_ids, scope.kept_until
    if held:
        _count(kept, "mobilities", len(held), until)
        _count(kept, "profile", 1, until)
        _count(
            kept, "documents", GeneratedDocument.objects.filter(mobility__in=held).count(), until
        )
        audit_files = MobilityFile.objects.filter(mobility__in=held, kind__in=AUDIT_FILE_KINDS)
        _count(kept, "files", audit_files.count(), until)
        versions = AgreementVersion.objects.filter(mobility__in=held)
        _count(kept, "agreements", versions.count(), until)
        details = LearningAgreementDetails.objects.filter(mobility__in=held)
        _count(kept, "learning_agreements", details.count(), until)
        justified = Mobility.objects.filter(pk__in=held).exclude(short_duration_justification="")
        _count(kept, "justifications", justified.count(), until)
    elif not scope.deletes_record:
        _count(kept, "statistics", 1)
    _count(kept, "selection", scope.applications().count())
    return kept


@dataclass
class Plan:
    scope: Scope
    removed: list[Item]
    kept: list[Item]

    @property
    def removes_anything(self) -> bool:
        return bool(self.removed)


def erasure_plan(scope: Scope) -> Plan:
    removed: list[Item] = []
    _person_removals(scope, removed)
    _portal_removals(scope, removed)
    _mobility_removals(scope, removed)
    return Plan(scope, removed, _kept(scope))


def project_plan(scope: Scope) -> Plan:
    """Only the project's mobilities (the participant keeps their identity for another
    project the audit may still ask about)."""
    removed: list[Item] = []
    _mobility_removals(scope, removed)
    return Plan(scope, removed, [])
