"""Reads of organisations, plans, projects and partners, scoped to a user."""

from django.db.models import Count, DecimalField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from budget.choices import BudgetCategory
from budget.models import MobilityGrant

from . import access
from .models import AwardedAmount, ErasmusPlan, Goal, PartnerOrganisation, Project

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


def project_get(user, pk: int) -> Project:
    queryset = Project.objects.select_related("organisation", "erasmus_plan").prefetch_related(
        "awarded_amounts"
    )
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
