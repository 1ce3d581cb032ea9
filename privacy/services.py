"""Writes of the privacy app: recording a download of a person's data, erasing a
participant's data on request, flagging projects whose retention period ended and erasing
their personal data. Each destructive step leaves an Erasure saying what it removed and
what it kept and why."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.collation import latvian
from mobilities.models import Mobility
from participants.models import Participant, SelectionApplication
from participants.signals import shown_fields
from projects.models import Project

from . import retention
from .erasure import apply
from .erasure.items import Item
from .erasure.scope import Plan, erasure_plan, erasure_scope, project_plan
from .export import ExportFile
from .models import DataExport, DataSubject, Erasure, RetentionFlag, ShownWhere
from .readlog import sensitive_data_record

REASON_MAX_LENGTH = 2000


def _name_of(user) -> str:
    return user.get_username() if user is not None else ""


# Exports


@transaction.atomic
def data_export_record(
    *, participant: Participant, subject: str, via: str, user, export: ExportFile
) -> DataExport:
    """Who downloaded whose data, and when; the sensitive data it held is logged too."""
    record = DataExport(
        organisation_id=participant.organisation_id,
        participant_id=participant.pk,
        subject=subject,
        via=via,
        requested_by=user,
        requested_by_name=_name_of(user),
        records=export.records,
        files=export.files,
        size=export.size,
    )
    record.full_clean()
    record.save()
    if subject == DataSubject.PARTICIPANT:
        shown = [(participant, shown_fields(participant))]
        sensitive_data_record(user=user, where=ShownWhere.DATA_EXPORT, shown=shown)
    return record


# Erasure on request


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason of the erasure.")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError(
            {"reason": _("The reason is at most %(n)d characters.") % {"n": REASON_MAX_LENGTH}}
        )
    return reason


def _nothing_left(plan: Plan) -> ValidationError:
    until = plan.scope.kept_until
    if until is None:
        return ValidationError(_("Nothing more can be erased about this participant."))
    return ValidationError(
        _("Nothing more can be erased before %(day)s, when the retention period ends.")
        % {"day": date_format(until, "SHORT_DATE_FORMAT")}
    )


@transaction.atomic
def participant_erase(
    *, participant: Participant, user, reason: str, today: date | None = None
) -> Erasure:
    """Erase what the law lets go of the participant's (and their guardian's) data; keep
    what the grant's audit needs until the retention period ends. A second erasure after
    that removes the rest."""
    reason = _clean_reason(reason)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    plan = erasure_plan(erasure_scope(participant, today))
    if not plan.removes_anything:
        raise _nothing_left(plan)
    return _erase(plan, user=user, cause=Erasure.Cause.REQUEST, reason=reason)


def _erase(plan: Plan, *, user, cause: str, reason: str = "", project=None) -> Erasure:
    scope = plan.scope
    participant = scope.participant
    organisation_id, pk = participant.organisation_id, participant.pk
    pseudonym = apply.pseudonym_for(pk)
    deleting = scope.deletes_record
    files = apply.Files()
    signers = apply.mobilities_erase_audit(scope.free_ids, files)
    apply.mobilities_erase_notes(scope.mobility_ids, files)
    signers += apply.portal_close(participant)
    apply.applications_erase(participant)
    if deleting:
        apply.person_delete(participant)
    else:
        apply.person_pseudonymise(scope, pseudonym)
        apply.agreements_follow_erasure(scope.held_ids)
    apply.former_signers_erase(signers)
    apply.log_entries_rename(pk, scope.mobility_ids, " ".join(pseudonym))
    apply.projects_bump(scope.mobility_ids)
    files.delete_after_commit()
    return _erasure_record(
        plan,
        organisation_id=organisation_id,
        participant_id=pk,
        pseudonym=" ".join(pseudonym),
        user=user,
        cause=cause,
        reason=reason,
        project=project,
        participant_deleted=deleting,
    )


def _erasure_record(plan: Plan, *, organisation_id, participant_id, user, **fields) -> Erasure:
    erasure = Erasure(
        organisation_id=organisation_id,
        participant_id=participant_id,
        erased_by=user,
        erased_by_name=_name_of(user),
        removed=[item.as_json() for item in plan.removed],
        kept=[item.as_json() for item in plan.kept],
        kept_until=plan.scope.kept_until,
        **fields,
    )
    erasure.full_clean()
    erasure.save()
    return erasure


# Retention


def retention_sweep(*, today: date | None = None) -> list[RetentionFlag]:
    """Flag each project whose retention period ended (once); answers the new flags."""
    flags = []
    unflagged = Project.objects.filter(retention_flag__isnull=True)
    for project in retention.projects_past_retention(unflagged, today):
        flag, created = RetentionFlag.objects.get_or_create(
            project=project,
            defaults={"retention_ended_on": retention.project_retention_ends_on(project)},
        )
        if created:
            flags.append(flag)
    return flags


def retention_participants(project: Project):
    """Everyone with a mobility in the project, or an application to one of its calls."""
    return (
        Participant.objects.filter(
            Q(mobilities__project=project) | Q(selection_applications__call__project=project)
        )
        .distinct()
        .order_by(latvian("last_name"), latvian("first_name"), "pk")
    )


def still_needed(participants, today: date | None = None) -> set[int]:
    """Those of the participants the audit of another project may still ask about."""
    ids = [p.pk for p in participants]
    mobilities = Mobility.objects.filter(participant__in=ids).select_related("project")
    applications = SelectionApplication.objects.filter(applicant__in=ids).select_related(
        "call__project"
    )
    needed = {m.participant_id for m in mobilities if retention.is_held(m.project, today)}
    return needed | {
        a.applicant_id for a in applications if retention.is_held(a.call.project, today)
    }


@dataclass
class RetentionPlan:
    flag: RetentionFlag
    erased: list[Participant]
    kept: list[Participant]
    removed: list[Item]


def retention_plan(flag: RetentionFlag, today: date | None = None) -> RetentionPlan:
    participants = list(retention_participants(flag.project))
    needed = still_needed(participants, today)
    totals: dict[str, int] = {}
    for participant in participants:
        scope = erasure_scope(participant, today, only_project=flag.project)
        for item in project_plan(scope).removed:
            totals[item.code] = totals.get(item.code, 0) + item.count
    return RetentionPlan(
        flag,
        [p for p in participants if p.pk not in needed],
        [p for p in participants if p.pk in needed],
        [Item(code, count) for code, count in totals.items()],
    )


@transaction.atomic
def project_personal_data_erase(
    *, flag: RetentionFlag, user, today: date | None = None
) -> list[Erasure]:
    """Erase the personal data of a project whose retention period ended: everything of
    its mobilities, and the participants no other project still needs."""
    flag = RetentionFlag.objects.select_for_update().select_related("project").get(pk=flag.pk)
    project = flag.project
    if flag.is_erased:
        raise ValidationError(_("The personal data of this project was already erased."))
    if retention.is_held(project, today):
        raise ValidationError(_("The retention period of this project has not ended."))
    participants = list(retention_participants(project))
    needed = still_needed(participants, today)
    erasures = [
        _retention_erase(participant, project, user, participant.pk in needed, today)
        for participant in participants
    ]
    flag.erased_at, flag.erased_by = timezone.now(), user
    flag.save(update_fields=["erased_at", "erased_by"])
    return [erasure for erasure in erasures if erasure is not None]


def _retention_erase(participant, project, user, needed: bool, today) -> Erasure | None:
    if not needed:
        plan = erasure_plan(erasure_scope(participant, today))
        if not plan.removes_anything:
            return None
        return _erase(plan, user=user, cause=Erasure.Cause.RETENTION, project=project)
    # Another project still needs the person: only this project's mobilities are erased.
    plan = project_plan(erasure_scope(participant, today, only_project=project))
    if not plan.removes_anything:
        return None
    files = apply.Files()
    signers = apply.mobilities_erase_audit(plan.scope.free_ids, files)
    apply.mobilities_erase_notes(plan.scope.mobility_ids, files)
    apply.former_signers_erase(signers)
    apply.projects_bump(plan.scope.mobility_ids)
    files.delete_after_commit()
    return _erasure_record(
        plan,
        organisation_id=participant.organisation_id,
        participant_id=participant.pk,
        pseudonym=f"#{participant.pk}",
        user=user,
        cause=Erasure.Cause.RETENTION,
        project=project,
    )
