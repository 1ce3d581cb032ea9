"""Reads of the privacy app. Coordinators reach their own organisations' records (another
organisation's answer 404, like everywhere); viewers reach none of them (403)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core import access
from core.listing import Filter, ListSpec
from participants.models import Participant
from projects.models import Organisation

from .models import DataExport, Erasure, RetentionFlag, SensitiveDataAccess, ShownWhere


def organisation_for_coordinator(user, pk: int) -> Organisation:
    """404 for another organisation, 403 for a viewer of this one."""
    organisation = access.get_for_user(Organisation.objects.all(), user, "pk", pk=pk)
    access.require_coordinator(user, organisation.pk)
    return organisation


def participant_for_coordinator(user, pk: int) -> Participant:
    participant = access.get_for_user(
        Participant.objects.select_related("organisation"), user, pk=pk
    )
    access.require_coordinator(user, participant.organisation_id)
    return participant


def erasure_for_coordinator(user, pk: int) -> Erasure:
    erasure = access.get_for_user(Erasure.objects.select_related("project"), user, pk=pk)
    access.require_coordinator(user, erasure.organisation_id)
    return erasure


def flag_for_coordinator(user, pk: int) -> RetentionFlag:
    flag = access.get_for_user(
        RetentionFlag.objects.select_related("project__organisation", "erased_by"),
        user,
        "project__organisation",
        pk=pk,
    )
    access.require_coordinator(user, flag.project.organisation_id)
    return flag


def access_log(organisation: Organisation, participant_id: int | None = None) -> QuerySet:
    rows = SensitiveDataAccess.objects.filter(organisation=organisation)
    if participant_id is not None:
        rows = rows.filter(participant_id=participant_id)
    return rows


ACCESS_LOG_SPEC = ListSpec(
    search_fields=("user_name",),
    filters={"where": Filter(_("Where"), "where", ShownWhere.choices)},
    sorts={"when": ("accessed_at", "pk")},
    default_sort="-when",
    page_size=50,
)


def participant_names(ids) -> dict[int, str]:
    """Names of the participants still there (an erased one may be gone): one query."""
    rows = Participant.objects.filter(pk__in=set(ids)).values_list("pk", "first_name", "last_name")
    return {pk: f"{first} {last}" for pk, first, last in rows}


def erasures_of(participant_id: int) -> QuerySet[Erasure]:
    return Erasure.objects.filter(participant_id=participant_id).order_by("-erased_at", "-pk")


def erasures_for(organisation: Organisation) -> QuerySet[Erasure]:
    return Erasure.objects.filter(organisation=organisation).select_related("project")


def exports_for(organisation: Organisation) -> QuerySet[DataExport]:
    return DataExport.objects.filter(organisation=organisation)


def flags_for(organisation: Organisation) -> QuerySet[RetentionFlag]:
    return RetentionFlag.objects.filter(project__organisation=organisation).select_related(
        "project", "erased_by"
    )
