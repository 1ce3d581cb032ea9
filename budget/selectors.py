"""Reads of the stored grants: a project's budget per category in one aggregate query,
its rule warnings from the stored lines, and one mobility's lines with their rules.

What they return holds the engine's notices, reasons and problems, worded when read: a
budget read once shows in either language."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, Sum

from budget.choices import BudgetCategory
from budget.rules import (
    AwardOverrun,
    Notice,
    Problem,
    RuleError,
    activity_ordinals,
    award_overruns,
    project_notices,
    quote_mobility,
)
from budget.rules import MobilityGrant as QuotedGrant
from budget.rules.notices import TOTAL
from mobilities.models import Mobility

from .adapters import mobility_input, stored_grant
from .models import MobilityGrant as StoredGrant

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from projects.models import Project

ZERO = Decimal("0.00")
COMPLETED = Mobility.Status.COMPLETED
CANCELLED = Mobility.Status.CANCELLED


@dataclass
class CategoryBudget:
    category: str
    label: "StrOrPromise"
    planned: Decimal = ZERO
    awarded: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def remaining(self) -> Decimal:
        return self.awarded - self.spent

    @property
    def over_awarded(self) -> bool:
        return self.planned > self.awarded


@dataclass
class ProjectBudget:
    rows: list[CategoryBudget]
    notices: list[Notice] = field(default_factory=list)
    unfundable: list[Mobility] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        """The project's notices as sentences in the active language."""
        return [str(notice) for notice in self.notices]

    @property
    def total(self) -> CategoryBudget:
        total = CategoryBudget("total", "")
        for row in self.rows:
            total.planned += row.planned
            total.awarded += row.awarded
            total.spent += row.spent
        return total


def category_totals(project: "Project", *, but: int | None = None) -> dict[str, dict[str, Decimal]]:
    """Planned (all but cancelled) and spent (completed) amounts per category, in one
    aggregate query; `but` (a mobility's id) leaves that mobility out."""
    completed = Q(mobility__status=COMPLETED)
    sums = {}
    for category in BudgetCategory.values:
        sums[f"{category}__planned"] = Sum(category)
        sums[f"{category}__spent"] = Sum(category, filter=completed)
    grants = StoredGrant.objects.filter(mobility__project=project).exclude(
        mobility__status=CANCELLED
    )
    if but is not None:
        grants = grants.exclude(mobility_id=but)
    figures = grants.aggregate(**sums)
    return {
        category: {
            "planned": figures[f"{category}__planned"] or ZERO,
            "spent": figures[f"{category}__spent"] or ZERO,
        }
        for category in BudgetCategory.values
    }


def project_budget(project: "Project", *, with_warnings: bool = True) -> ProjectBudget:
    totals = category_totals(project)
    awarded = {a.category: a.amount for a in project.awarded_amounts.all()}
    rows = [
        CategoryBudget(
            category,
            label,
            planned=totals[category]["planned"],
            awarded=awarded.get(category, ZERO),
            spent=totals[category]["spent"],
        )
        for category, label in BudgetCategory.choices
    ]
    budget = ProjectBudget(rows)
    if with_warnings:
        budget.notices, budget.unfundable = _notices(project, budget, awarded)
    return budget


def mobility_award_overruns(
    mobility: Mobility, amounts: Mapping[str, Decimal] | None = None
) -> list[AwardOverrun]:
    """Where the project plans more than its award with `mobility` at `amounts` (by
    default its stored grant) and every other mobility as stored: the categories the
    mobility adds to, and the total."""
    if mobility.status == CANCELLED:
        return []
    if amounts is None:
        stored = StoredGrant.objects.filter(mobility_id=mobility.pk).first()
        amounts = stored.amounts if stored else {}
    awarded = {a.category: a.amount for a in mobility.project.awarded_amounts.all()}
    if not awarded or not any(amounts.values()):
        return []
    others = category_totals(mobility.project, but=mobility.pk)
    planned = {category: others[category]["planned"] for category in BudgetCategory.values}
    for category, amount in amounts.items():
        planned[category] += amount
    return [
        overrun
        for overrun in award_overruns(planned, awarded)
        if overrun.category == TOTAL or amounts.get(overrun.category, ZERO) > ZERO
    ]


def _notices(
    project: "Project", budget: ProjectBudget, awarded: dict[str, Decimal]
) -> tuple[list[Notice], list[Mobility]]:
    mobilities = list(
        project.mobilities.exclude(status=CANCELLED)
        .select_related("participant", "host", "group", "grant")
        .order_by("number")
    )
    stored = [m for m in mobilities if _grant_of(m) is not None]
    notices = project_notices(
        project.call_year,
        [stored_grant(m, m.grant) for m in stored],
        awarded_total=sum(awarded.values(), ZERO) if awarded else None,
        awarded=awarded,
        spent={row.category: row.spent for row in budget.rows},
    )
    unfundable = [m for m in mobilities if _grant_of(m) is None or not m.grant.fundable]
    return notices, unfundable


def _grant_of(mobility: Mobility) -> StoredGrant | None:
    try:
        return mobility.grant
    except StoredGrant.DoesNotExist:
        return None


@dataclass
class MobilityGrantView:
    """A mobility's stored amounts beside the grant the engine quotes for it now (None
    when it cannot be funded as it stands, with the `found` problems)."""

    amounts: dict[str, Decimal]
    grant: QuotedGrant | None = None
    found: list[Problem] = field(default_factory=list)

    @property
    def lines(self) -> list[tuple["StrOrPromise", Decimal, str]]:
        """(label, stored amount, the rule that produced it) per category."""
        labels = dict(BudgetCategory.choices)
        lines = self.grant.lines if self.grant else ()
        explanations = {line.category.value: line.explanation for line in lines}
        return [
            (labels[category], self.amounts.get(category, ZERO), explanations.get(category, ""))
            for category in BudgetCategory.values
        ]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)

    @property
    def warnings(self) -> list[str]:
        return list(self.grant.warnings) if self.grant else []

    @property
    def problems(self) -> list[str]:
        return [problem.message for problem in self.found]


def mobility_grant(mobility: Mobility) -> MobilityGrantView:
    """The stored lines with the rule that produced each, as the engine quotes the
    mobility now; the engine's problems when it cannot be funded as it stands. Worded
    in the reader's language when read."""
    row = _grant_of(mobility)
    view = MobilityGrantView(row.amounts if row else {})
    if mobility.status != CANCELLED:
        try:
            view.grant = quote_mobility(
                mobility_input(mobility),
                call_year=mobility.project.call_year,
                rates=mobility.project.individual_support_rates,
                ordinal_in_activity=participant_ordinal(mobility),
            )
        except RuleError as error:
            view.found = error.problems
    return view


@dataclass(frozen=True)
class _Ranked:
    activity: str
    role: str


def participant_ordinal(mobility: Mobility) -> int:
    """The mobility's rank among the active mobilities of its activity type, ranked as the
    engine ranks a project's (activity_ordinals); a mobility not saved yet comes last."""
    earlier = mobility.project.mobilities.filter(activity_type=mobility.activity_type).exclude(
        status=CANCELLED
    )
    if mobility.number is not None:
        earlier = earlier.filter(number__lt=mobility.number)
    ranked = [_Ranked(*row) for row in earlier.values_list("activity_type", "role")]
    return activity_ordinals([*ranked, _Ranked(mobility.activity_type, mobility.role)])[-1]
