"""Reads of organisations, plans, projects and partners, scoped to a user."""

from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from budget.choices import BudgetCategory
from budget.models import MobilityGrant
from core import access
from core.collation import latvian, latvian_key
from core.listing import Filter, ListSpec

from .models import (
    AwardedAmount,
    ErasmusPlan,
    Goal,
    Organisation,
    PartnerOrganisation,
    Project,
    Role,
)

ZERO = DecimalField(max_digits=12, decimal_places=2)


def _awarded_total():
    totals = (
        AwardedAmount.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=ZERO), 0, output_field=ZERO)


def _planned_total():
    grant_total = sum(
        (F(category) for category in BudgetCategory.values[1:]), F(BudgetCategory.values[0])
    )
    totals = (
        MobilityGrant.objects.filter(mobility__project=OuterRef("pk"))
        .exclude(mobility__status="cancelled")
        .values("mobility__project")
        .annotate(total=Sum(grant_total))
        .values("total")
    )
    return Coalesce(Subquery(totals, output_field=ZERO), 0, output_field=ZERO)


def project_list(user) -> QuerySet[Project]:
    """The user's projects with the figures the home page shows."""
    active = ~Q(mobilities__status="cancelled")
    return (
        access.scope(Project.objects.all(), user)
        .select_related("organisation")
        .annotate(
            mobility_count=Count("mobilities", filter=active, distinct=True),
            participant_count=Count("mobilities__participant", filter=active, distinct=True),
            fewer_opportunities_count=Count(
                "mobilities__participant",
                filter=active & Q(mobilities__participant__fewer_opportunities=True),
                distinct=True,
            ),
            awarded_total=_awarded_total(),
            planned_total=_planned_total(),
        )
        .order_by("-call_year", "grant_agreement_number")
    )


def project_version_get(user, pk: int) -> Project:
    """Just enough of a project to find its cached pages (404 for other organisations)."""
    queryset = Project.objects.only("pk", "version", "organisation_id")
    return access.get_for_user(queryset, user, pk=pk)


def project_get(user, pk: int) -> Project:
    queryset = Project.objects.select_related("organisation", "erasmus_plan")
    return access.get_for_user(queryset, user, pk=pk)


def plan_get(user, pk: int) -> ErasmusPlan:
    goals = Goal.objects.prefetch_related("targets").annotate(
        mobility_count=Count("mobilities", filter=~Q(mobilities__status="cancelled"))
    )
    queryset = ErasmusPlan.objects.select_related("organisation").prefetch_related(
        Prefetch("goals", queryset=goals)
    )
    return access.get_for_user(queryset, user, pk=pk)


def partner_get(user, pk: int) -> PartnerOrganisation:
    return access.get_for_user(
        PartnerOrganisation.objects.select_related("organisation"), user, pk=pk
    )


def partner_mobilities(partner: PartnerOrganisation) -> QuerySet:
    """The mobilities a partner hosts or sends: they keep it from being deleted."""
    mobilities = partner.hosted_mobilities.model.objects
    return (
        mobilities.filter(Q(host=partner) | Q(sending_partner=partner))
        .select_related("project")
        .order_by("project_id", "number")
    )


def plan_list(user) -> QuerySet[ErasmusPlan]:
    return (
        access.scope(ErasmusPlan.objects.all(), user)
        .select_related("organisation")
        .annotate(goal_count=Count("goals"))
        .order_by("-start_year", "title")
    )


def countries_in(queryset, field: str) -> list[tuple[str, str]]:
    """The countries used in `field` of `queryset`, by name, as filter choices."""
    codes = {code for code in queryset.order_by().values_list(field, flat=True).distinct() if code}
    named = ((code, str(countries.name(code))) for code in codes)
    return sorted(named, key=lambda choice: latvian_key(choice[1]))


def partner_list_spec(partners) -> ListSpec:
    return ListSpec(
        search_fields=("name", "city", "oid", "contact_name", "contact_email"),
        filters={
            "kind": Filter(_("Kind"), "kind", PartnerOrganisation.Kind.choices),
            "mou": Filter(
                _("Memorandum of understanding"),
                "mou_status",
                PartnerOrganisation.MouStatus.choices,
            ),
            "country": Filter(_("Country"), "country", countries_in(partners, "country")),
        },
        sorts={
            "name": (latvian("name"),),
            "country": ("country", latvian("city"), latvian("name")),
            "kind": ("kind", latvian("name")),
            "mou": ("mou_status", latvian("name")),
            "mobilities": ("mobility_count", latvian("name")),
        },
        default_sort="name",
    )


def partner_list(user) -> QuerySet[PartnerOrganisation]:
    return (
        access.scope(PartnerOrganisation.objects.all(), user)
        .select_related("organisation")
        .annotate(mobility_count=Count("hosted_mobilities"))
    )


def organisations_for(user) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=access.organisation_ids(user))


def coordinated_organisations(user) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=access.organisation_ids(user, role=Role.COORDINATOR)
    )
