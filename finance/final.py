"""The final-report figures of a project: per category the engine's grant of the
mobilities carried out (completed) beside the award, the transfers between categories
this implies and the rules of the call year's rate table they meet or break
(budget.rules.transfers). The limits the domain reference does not state are the
project's settings (ProjectFinance). Three queries."""

from dataclasses import dataclass
from decimal import Decimal

from budget.rules.rates import TransferRule, rate_table
from budget.rules.transfers import FinalFigures, final_figures
from budget.selectors import category_totals
from mobilities.models import Mobility

from .overview import finance_rules


@dataclass
class FinalReportFigures:
    call_year: int
    figures: FinalFigures
    rules: tuple[TransferRule, ...]
    settings: dict[str, Decimal | None]
    # Mobilities neither completed nor cancelled: not in the final figures yet.
    not_completed: int

    @property
    def awarded_known(self) -> bool:
        return self.figures.awarded > 0


def final_report_figures(project) -> FinalReportFigures:
    table = rate_table(project.call_year)
    awarded = {a.category: a.amount for a in project.awarded_amounts.all()}
    final = {category: f["spent"] for category, f in category_totals(project).items()}
    rules = finance_rules(project)
    settings = {
        rule.setting: _percent(getattr(rules, rule.setting))
        for rule in table.transfer_rules
        if rule.setting
    }
    not_completed = project.mobilities.exclude(
        status__in=[Mobility.Status.COMPLETED, Mobility.Status.CANCELLED]
    ).count()
    return FinalReportFigures(
        call_year=table.call_year,
        figures=final_figures(awarded, final, table.transfer_rules, settings),
        rules=table.transfer_rules,
        settings=settings,
        not_completed=not_completed,
    )


def _percent(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)
