"""Keeps every mobility's stored grant lines equal to what the engine computes.

Called by the mobility, participant and project services after a change; one project's
recalculation reads its mobilities in one query and writes their grants in bulk. An import
of thousands of rows defers the recalculations and runs one per project at the end.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Count, QuerySet

from budget.rules import (
    BudgetCategory,
    IndividualSupportRates,
    MobilityGrant,
    RateTable,
    Role,
    activity_ordinals,
    assess_mobility,
    rate_table,
)
from mobilities.models import Mobility
from projects.signals import bump_projects

from .adapters import mobility_input
from .models import MobilityGrant as StoredGrant
from .selectors import participant_ordinal
from .signals import grants_stored

if TYPE_CHECKING:
    # For types only: the budget does not need these apps' models to run.
    from participants.models import Participant
    from projects.models import Project


def _active(queryset: QuerySet[Mobility]) -> QuerySet[Mobility]:
    return queryset.exclude(status=Mobility.Status.CANCELLED)


def _quote(
    mobility: Mobility, *, table: RateTable, rates: IndividualSupportRates, ordinal: int
) -> MobilityGrant | None:
    if mobility.status == Mobility.Status.CANCELLED:
        return None
    grant, problems = assess_mobility(
        mobility_input(mobility), table=table, rates=rates, ordinal_in_activity=ordinal
    )
    return None if problems else grant


GRANT_FIELDS = [
    *BudgetCategory,
    "distance_km",
    "band",
    "funded_days",
    "third_country_amount",
    "fundable",
]


def _stored(mobility: Mobility, grant: MobilityGrant | None) -> StoredGrant:
    if grant is None:
        # Cancelled, or not fundable as it stands: no money, and say which.
        return StoredGrant(mobility=mobility, fundable=mobility.status == Mobility.Status.CANCELLED)
    return StoredGrant(
        mobility=mobility,
        **{category.value: amount for category, amount in grant.amounts.items()},
        distance_km=grant.distance_km,
        band=grant.band or "",
        funded_days=grant.funded_days,
        third_country_amount=grant.third_country_amount,
        fundable=True,
    )


def _apply(mobilities_and_grants: Sequence[tuple[Mobility, MobilityGrant | None]]) -> None:
    """Store the grants, one row per mobility, inserted or updated in bulk."""
    StoredGrant.objects.bulk_create(
        [_stored(mobility, grant) for mobility, grant in mobilities_and_grants],
        update_conflicts=True,
        unique_fields=["mobility"],
        update_fields=GRANT_FIELDS,
    )
    # A bulk write sends no signals: the projects' cached pages are refreshed here.
    project_ids = {mobility.project_id for mobility, _grant in mobilities_and_grants}
    bump_projects(pk__in=project_ids)
    grants_stored.send(
        sender=StoredGrant,
        mobility_ids={mobility.pk for mobility, _grant in mobilities_and_grants},
        project_ids=project_ids,
    )


@transaction.atomic
def budget_recalculate_project(*, project: "Project") -> int:
    """Recompute and store every mobility's grant in the project; returns how many."""
    table, rates = rate_table(project.call_year), project.individual_support_rates
    mobilities = list(
        project.mobilities.select_related("participant", "host", "group").order_by("number")
    )
    active = [m for m in mobilities if m.status != Mobility.Status.CANCELLED]
    ordinals = dict(
        zip(
            (m.pk for m in active),
            activity_ordinals([mobility_input(m) for m in active]),
            strict=True,
        )
    )
    _apply(
        [
            (m, _quote(m, table=table, rates=rates, ordinal=ordinals.get(m.pk, 1)))
            for m in mobilities
        ]
    )
    return len(mobilities)


class DeferredRecalculation:
    """The projects whose mobilities changed while recalculations were deferred."""

    def __init__(self) -> None:
        self.projects: dict[int, Project] = {}

    def note(self, project: "Project") -> None:
        self.projects[project.pk] = project

    def flush(self) -> int:
        """Recalculate each noted project once; returns how many mobilities."""
        projects, self.projects = list(self.projects.values()), {}
        return sum(budget_recalculate_project(project=project) for project in projects)

    def discard(self) -> None:
        self.projects = {}


_deferred: ContextVar[DeferredRecalculation | None] = ContextVar("budget_deferred", default=None)


@contextmanager
def budget_recalculation_deferred() -> Iterator[DeferredRecalculation]:
    """Inside, a mobility's recalculation only notes its project: one recalculation per
    project instead of one per mobility (and one per project per mobility once an activity
    nears the rank of reduced organisational support). Call `flush()` before the
    transaction commits; what is still noted on a normal exit is recalculated then, and
    dropped on an exception (the changes it belonged to are being rolled back)."""
    deferred = DeferredRecalculation()
    token = _deferred.set(deferred)
    try:
        yield deferred
    finally:
        _deferred.reset(token)
    deferred.flush()


def budget_recalculate_mobility(*, mobility: Mobility) -> None:
    """Recompute one mobility; the whole project when the rule of reduced organisational
    support from a rank on (the rate table's) can shift other mobilities' support."""
    deferred = _deferred.get()
    if deferred is not None:
        deferred.note(mobility.project)
        return
    _recalculate_mobility(mobility)


@transaction.atomic
def _recalculate_mobility(mobility: Mobility) -> None:
    project = mobility.project
    table = rate_table(project.call_year)
    crowded = (
        _active(project.mobilities.filter(role=Role.PARTICIPANT))
        .values("activity_type")
        .annotate(n=Count("pk"))
        # From this rank on the support is reduced, so a change to one mobility can change
        # others'. One change moves a count by one at most: 100 now may have been 101.
        .filter(n__gte=table.organisational_support_reduced_from - 1)
        .exists()
    )
    if crowded:
        budget_recalculate_project(project=project)
        return
    grant = _quote(
        mobility,
        table=table,
        rates=project.individual_support_rates,
        ordinal=participant_ordinal(mobility),
    )
    _apply([(mobility, grant)])


def budget_recalculate_participant(*, participant: "Participant") -> None:
    """After a participant's change (fewer opportunities), their mobilities' grants."""
    for mobility in participant.mobilities.select_related("project", "host", "group"):
        budget_recalculate_mobility(mobility=mobility)
