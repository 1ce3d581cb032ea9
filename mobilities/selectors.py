"""Reads of mobilities, with what their pages show fetched in a fixed number of queries."""

from django.db.models import QuerySet

from projects import access

from .models import Mobility

LIST_RELATED = ("participant", "host", "project", "group", "grant")


def mobility_list_for_project(project) -> QuerySet[Mobility]:
    return project.mobilities.select_related(*LIST_RELATED).order_by("number")


def mobility_list_for_host(partner) -> QuerySet[Mobility]:
    return partner.hosted_mobilities.select_related(*LIST_RELATED).order_by("start_date")


def mobility_list_for_participant(participant) -> QuerySet[Mobility]:
    return participant.mobilities.select_related(*LIST_RELATED).order_by("start_date")


def mobility_get(user, pk: int) -> Mobility:
    queryset = Mobility.objects.select_related(
        "project__organisation", "participant", "host", "sending_partner", "group", "grant"
    ).prefetch_related("goals")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


def group_members(mobility) -> QuerySet[Mobility] | list:
    if not mobility.group_id:
        return []
    return mobility.group.mobilities.select_related("participant").order_by("role", "number")
