"""Reads of mobilities, with what their pages show fetched in a fixed number of queries."""

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from budget.choices import ActivityType, BudgetCategory
from core import access
from core.collation import latvian
from core.listing import Filter, ListSpec
from projects.selectors import countries_in

from .models import Mobility, MobilityFile, MonitoringNote, PreparationItem

LIST_RELATED = ("participant", "host", "project", "group", "grant")


def grant_total():
    """The stored grant of a mobility as one expression, for sorting lists by it."""
    first, *others = BudgetCategory.values
    return sum((F(f"grant__{c}") for c in others), F(f"grant__{first}"))


def mobility_list_spec(project) -> ListSpec:
    goals = [(str(g.pk), str(g)) for g in project.erasmus_plan.goals.all()]
    country_choices = countries_in(project.mobilities.all(), "destination_country")
    yes_no = [("yes", _("Yes")), ("no", _("No"))]
    return ListSpec(
        search_fields=(
            "participant__first_name",
            "participant__last_name",
            "destination_city",
            "host__name",
            "group__name",
        ),
        filters={
            "activity": Filter(_("Activity"), "activity_type", ActivityType.choices),
            "status": Filter(_("Status"), "status", Mobility.Status.choices),
            "country": Filter(_("Country"), "destination_country", country_choices),
            "goal": Filter(_("Goal"), "goals", goals),
            "fewer": Filter(
                _("Fewer opportunities"),
                lambda qs, v: qs.filter(participant__fewer_opportunities=v == "yes"),
                yes_no,
            ),
            "role": Filter(_("Role"), "role", Mobility._meta.get_field("role").choices),
        },
        sorts={
            "number": ("number",),
            "participant": (
                latvian("participant__last_name"),
                latvian("participant__first_name"),
                "number",
            ),
            "activity": ("activity_type", "number"),
            "destination": ("destination_country", "destination_city", "number"),
            "start": ("start_date", "number"),
            "status": ("status", "number"),
            "grant": ("grant_total_amount", "number"),
        },
        default_sort="number",
    )


def mobility_list_for_project(project) -> QuerySet[Mobility]:
    return (
        project.mobilities.select_related(*LIST_RELATED)
        .annotate(grant_total_amount=grant_total())
        .order_by("number")
    )


def beneficiary_module_mobilities(project=None) -> QuerySet[Mobility]:
    """The mobilities of the Beneficiary Module's file (of `project`, else of every
    project), cancelled ones included, with what its columns read."""
    queryset = Mobility.objects.select_related(
        "project__organisation", "participant", "host", "sending_partner", "grant"
    ).order_by("project_id", "number")
    return queryset.filter(project=project) if project is not None else queryset


def mobility_list_for_host(partner) -> QuerySet[Mobility]:
    return partner.hosted_mobilities.select_related(*LIST_RELATED).order_by("start_date")


def mobility_list_for_participant(participant) -> QuerySet[Mobility]:
    return participant.mobilities.select_related(*LIST_RELATED).order_by("start_date")


def mobility_get(user, pk: int) -> Mobility:
    queryset = Mobility.objects.select_related(
        "project__organisation",
        "project__erasmus_plan",
        "participant",
        "host",
        "sending_partner",
        "group",
        "grant",
    ).prefetch_related("goals")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


def group_members(mobility) -> QuerySet[Mobility] | list:
    if not mobility.group_id:
        return []
    return mobility.group.mobilities.select_related("participant").order_by("role", "number")


def preparation_items(mobility) -> QuerySet[PreparationItem]:
    return mobility.preparation_items.select_related("owner").order_by("due_date", "pk")


def monitoring_log(mobility) -> QuerySet[MonitoringNote]:
    return mobility.monitoring_log.select_related("author")


def mobility_files(mobility) -> QuerySet[MobilityFile]:
    return mobility.files.select_related("uploaded_by")


def mobility_file_get(user, pk: int) -> MobilityFile:
    queryset = MobilityFile.objects.select_related(
        "mobility__project", "mobility__participant", "uploaded_by"
    )
    return access.get_for_user(queryset, user, "mobility__project__organisation", pk=pk)


def file_answers_request(stored: MobilityFile) -> bool:
    """Whether the participant uploaded the file when asked for it in the portal."""
    return stored.mobility.file_requests.filter(uploaded_file=stored).exists()
