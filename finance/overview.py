"""The money of a project, per budget category and per mobility: the unit-cost income
(the engine's grant of the mobilities not cancelled), what was paid to participants (each
transfer split as its agreement splits the paid parts), what the school spent (its real
costs, in euros) and what remains; with the warnings a finance officer acts on. A fixed
number of queries, whatever the number of mobilities."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budget.choices import BudgetCategory
from budget.selectors import category_totals
from core.money import ZERO, money_text, round_half_up
from mobilities.models import Mobility

from .models import Cost, Payment, ProjectFinance
from .selectors import with_status

OS = "organisational_support"


@dataclass
class Money:
    category: str
    label: str
    income: Decimal = ZERO
    to_participants: Decimal = ZERO
    spent: Decimal = ZERO
    unpaid_costs: Decimal = ZERO

    @property
    def used(self) -> Decimal:
        return self.to_participants + self.spent

    @property
    def remaining(self) -> Decimal:
        return self.income - self.used

    @property
    def surplus(self) -> bool:
        return self.remaining > 0

    @property
    def deficit(self) -> bool:
        return self.remaining < 0

    @property
    def used_percent(self) -> Decimal:
        """Of the income, for the chart's bar (at most 100)."""
        if self.income <= 0:
            return Decimal(100) if self.used > 0 else ZERO
        return min(Decimal(100), round_half_up(self.used * 100 / self.income))


@dataclass
class Overview:
    rows: list[Money]
    total: Money
    warnings: list[str] = field(default_factory=list)
    without_costs: list[Mobility] = field(default_factory=list)
    without_costs_count: int = 0
    limit_percent: int = 100


def finance_rules(project) -> ProjectFinance:
    try:
        return project.finance
    except ProjectFinance.DoesNotExist:
        return ProjectFinance(project=project)


def paid_by_category(payments) -> dict[str, Decimal]:
    """What went to participants (less what came back), per category: each payment's
    transfers split in proportion to its agreement's paid parts (Payment.split)."""
    paid: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for payment in payments:
        moved = Decimal(payment.transferred or 0)
        if not moved:
            continue
        sign = -1 if payment.from_participant else 1
        parts = {category: Decimal(amount) for category, amount in payment.split.items()}
        whole = sum(parts.values(), ZERO)
        for category, part in parts.items():
            paid[category] += sign * moved * part / whole if whole else ZERO
    return {category: round_half_up(amount) for category, amount in paid.items()}


def _rows(income, paid, spent, unpaid) -> tuple[list[Money], Money]:
    rows = [
        Money(
            category,
            str(label),
            income=income.get(category, ZERO),
            to_participants=paid.get(category, ZERO),
            spent=spent.get(category, ZERO),
            unpaid_costs=unpaid.get(category, ZERO),
        )
        for category, label in BudgetCategory.choices
    ]
    total = Money(
        "total",
        _("Total"),
        income=sum((r.income for r in rows), ZERO),
        to_participants=sum((r.to_participants for r in rows), ZERO),
        spent=sum((r.spent for r in rows), ZERO),
        unpaid_costs=sum((r.unpaid_costs for r in rows), ZERO),
    )
    return rows, total


def _costs_by_category(costs) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    spent = {
        row["category"]: row["total"]
        for row in costs.values("category").annotate(total=Sum("amount_eur")).order_by()
    }
    unpaid = {
        row["category"]: row["total"]
        for row in costs.filter(paid_on__isnull=True)
        .values("category")
        .annotate(total=Sum("amount_eur"))
        .order_by()
    }
    return spent, unpaid


def project_overview(project) -> Overview:
    income = {c: figures["planned"] for c, figures in category_totals(project).items()}
    payments = with_status(
        Payment.objects.filter(mobility__project=project), today=timezone.localdate()
    ).only("kind", "split", "amount", "due_date")
    spent, unpaid = _costs_by_category(Cost.objects.filter(project=project))
    rows, total = _rows(income, paid_by_category(payments), spent, unpaid)
    rules = finance_rules(project)
    overview = Overview(rows, total, limit_percent=rules.organisational_support_limit_percent)
    overview.warnings = _warnings(rows, rules)
    completed = project.mobilities.filter(status=Mobility.Status.COMPLETED, costs=None)
    overview.without_costs_count = completed.count()
    overview.without_costs = list(
        completed.select_related("participant").order_by("number")[:SHOWN_WITHOUT_COSTS]
    )
    return overview


SHOWN_WITHOUT_COSTS = 10


def _warnings(rows: list[Money], rules: ProjectFinance) -> list[str]:
    warnings = []
    for row in rows:
        if row.deficit:
            warnings.append(
                _(
                    "%(category)s: paid to participants and spent %(used)s EUR, "
                    "%(excess)s EUR more than its income of %(income)s EUR."
                )
                % {
                    "category": row.label,
                    "used": money_text(row.used),
                    "excess": money_text(-row.remaining),
                    "income": money_text(row.income),
                }
            )
    support = next(row for row in rows if row.category == OS)
    limit = round_half_up(support.income * rules.organisational_support_limit_percent / 100)
    if support.spent > limit and rules.organisational_support_limit_percent < 100:
        warnings.append(
            _(
                "Organisational support: %(spent)s EUR spent, more than the %(percent)s%% "
                "of its income (%(limit)s EUR) that the project's quality standards allow."
            )
            % {
                "spent": money_text(support.spent),
                "percent": rules.organisational_support_limit_percent,
                "limit": money_text(limit),
            }
        )
    return warnings


def without_costs_text(count: int) -> str:
    return ngettext(
        "%(count)d completed mobility has no real costs recorded.",
        "%(count)d completed mobilities have no real costs recorded.",
        count,
    ) % {"count": count}


def mobility_overview(mobility) -> tuple[list[Money], Money]:
    """The same figures for one mobility: its grant, its payments, its costs."""
    grant = getattr(mobility, "grant", None)
    income = grant.amounts if grant is not None and mobility.status != "cancelled" else {}
    payments = with_status(mobility.payments.all(), today=timezone.localdate())
    spent, unpaid = _costs_by_category(mobility.costs.all())
    return _rows(income, paid_by_category(payments), spent, unpaid)
