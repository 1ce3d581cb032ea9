"""The final figures of a project: per category what the engine computes for the
mobilities carried out beside what was awarded, the transfers between categories that
this implies, and the rule of the rate table each transfer meets or breaks.

A category that needs more than its award takes it from the categories that need less,
largest spare amount first, first within the limits the project sets on moving money out
of a category, then beyond them (those transfers break the limit). What no category can
cover is beyond the awarded total: the grant is at most the award. A rule whose figure is
a project setting left empty is "not set", never met.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from core.money import ZERO, money_text, percent, round_half_up

from .categories import BudgetCategory
from .rates import TransferCheck, TransferRule


class Outcome(StrEnum):
    MEETS = "meets"
    BREAKS = "breaks"
    APPROVAL = "approval"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class RuleCheck:
    """One rule applied to one transfer, with the figures it compared."""

    rule: TransferRule
    outcome: Outcome
    category: BudgetCategory
    params: Mapping[str, Decimal] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return check_text(self)


@dataclass(frozen=True)
class Transfer:
    source: BudgetCategory
    target: BudgetCategory
    amount: Decimal
    checks: tuple[RuleCheck, ...] = ()

    @property
    def breaks(self) -> bool:
        return any(check.outcome == Outcome.BREAKS for check in self.checks)


@dataclass(frozen=True)
class CategoryFigures:
    category: BudgetCategory
    awarded: Decimal
    final: Decimal
    moved_in: Decimal = ZERO
    moved_out: Decimal = ZERO

    @property
    def difference(self) -> Decimal:
        """Positive: the category needs more than its award."""
        return self.final - self.awarded

    @property
    def after_transfers(self) -> Decimal:
        """The category's award once the transfers are made."""
        return self.awarded + self.moved_in - self.moved_out


@dataclass(frozen=True)
class FinalFigures:
    categories: tuple[CategoryFigures, ...]
    transfers: tuple[Transfer, ...]
    # What the final figures ask beyond the awarded total: no category has it to give.
    uncovered: Decimal

    @property
    def awarded(self) -> Decimal:
        return sum((c.awarded for c in self.categories), ZERO)

    @property
    def final(self) -> Decimal:
        return sum((c.final for c in self.categories), ZERO)

    @property
    def difference(self) -> Decimal:
        return self.final - self.awarded

    @property
    def grant(self) -> Decimal:
        """The final grant: the final figures, at most the awarded total."""
        return min(self.final, self.awarded)

    @property
    def breaks(self) -> bool:
        return any(transfer.breaks for transfer in self.transfers)


def final_figures(
    awarded: Mapping[str, Decimal],
    final: Mapping[str, Decimal],
    rules: tuple[TransferRule, ...],
    settings: Mapping[str, Decimal | None],
) -> FinalFigures:
    """The figures, the transfers and their checks. `settings` holds the project's
    percentages (by TransferRule.setting; None when the project has not set one)."""
    award = {c: awarded.get(c, ZERO) for c in BudgetCategory}
    need = {c: final.get(c, ZERO) - award[c] for c in BudgetCategory}
    spare = {c: -need[c] for c in BudgetCategory if need[c] < 0}
    out_cap = _out_capacity(award, spare, rules, settings)
    moves: dict[tuple[BudgetCategory, BudgetCategory], Decimal] = {}
    uncovered = ZERO
    for target in BudgetCategory:
        missing = need[target]
        if missing <= 0:
            continue
        for limited in (True, False):
            missing = _take(target, missing, spare, out_cap if limited else None, moves)
        uncovered += missing
    moved_in = {c: sum((a for (_s, t), a in moves.items() if t == c), ZERO) for c in award}
    moved_out = {c: sum((a for (s, _t), a in moves.items() if s == c), ZERO) for c in award}
    categories = tuple(
        CategoryFigures(c, award[c], final.get(c, ZERO), moved_in[c], moved_out[c])
        for c in BudgetCategory
    )
    figures = {c.category: c for c in categories}
    total = sum(award.values(), ZERO)
    transfers = tuple(
        Transfer(source, target, amount, _checks(source, target, figures, total, rules, settings))
        for (source, target), amount in moves.items()
    )
    return FinalFigures(categories, transfers, uncovered)


Amounts = dict[BudgetCategory, Decimal]
Settings = Mapping[str, Decimal | None]
Rules = tuple[TransferRule, ...]


def _out_capacity(award: Amounts, spare: Amounts, rules: Rules, settings: Settings) -> Amounts:
    """What each category may give within the project's limit on moving money out."""
    percent = _setting(rules, TransferCheck.OUT_LIMIT, settings)
    if percent is None:
        return dict(spare)
    return {c: min(amount, _share_of(award[c], percent)) for c, amount in spare.items()}


def _take(
    target: BudgetCategory,
    missing: Decimal,
    spare: Amounts,
    capacity: Amounts | None,
    moves: dict[tuple[BudgetCategory, BudgetCategory], Decimal],
) -> Decimal:
    """Move up to `missing` into `target` from the categories with the most to spare
    (within `capacity` when given); returns what is still missing."""
    for source in sorted(spare, key=lambda c: (-spare[c], list(BudgetCategory).index(c))):
        if missing <= 0:
            break
        available = spare[source] if capacity is None else min(spare[source], capacity[source])
        amount = min(missing, available)
        if amount <= 0:
            continue
        spare[source] -= amount
        if capacity is not None:
            capacity[source] -= amount
        moves[(source, target)] = moves.get((source, target), ZERO) + amount
        missing -= amount
    return missing


def _checks(
    source: BudgetCategory,
    target: BudgetCategory,
    figures: Mapping[BudgetCategory, "CategoryFigures"],
    total: Decimal,
    rules: Rules,
    settings: Settings,
) -> tuple[RuleCheck, ...]:
    checks = []
    for rule in rules:
        concerned = target if rule.check != TransferCheck.OUT_LIMIT else source
        if rule.category is not None and rule.category != concerned:
            continue
        checks.append(_check(rule, figures[concerned], total, settings))
    return tuple(checks)


def _check(
    rule: TransferRule, figures: CategoryFigures, total: Decimal, settings: Settings
) -> RuleCheck:
    category = figures.category
    if rule.check == TransferCheck.APPROVAL:
        return RuleCheck(rule, Outcome.APPROVAL, category, {"amount": figures.moved_in})
    if rule.check == TransferCheck.CAP_OF_AWARD:
        small = rule.small_award is not None and total <= rule.small_award
        cap = rule.small_award_cap if small else total * (rule.share or ZERO)
        cap = round_half_up(cap or ZERO)
        params = {"amount": figures.after_transfers, "cap": cap}
        if small:
            params["small"] = rule.small_award or ZERO
        else:
            params["share"] = rule.share or ZERO
        outcome = Outcome.MEETS if figures.after_transfers <= cap else Outcome.BREAKS
        return RuleCheck(rule, outcome, category, params)
    share = settings.get(rule.setting or "")
    moved = figures.moved_out if rule.check == TransferCheck.OUT_LIMIT else figures.moved_in
    if share is None:
        return RuleCheck(rule, Outcome.NOT_SET, category, {"amount": moved})
    limit = _share_of(figures.awarded, share)
    outcome = Outcome.MEETS if moved <= limit else Outcome.BREAKS
    return RuleCheck(rule, outcome, category, {"amount": moved, "limit": limit, "percent": share})


def _setting(rules: Rules, check: TransferCheck, settings: Settings) -> Decimal | None:
    rule = next((r for r in rules if r.check == check), None)
    return None if rule is None else settings.get(rule.setting or "")


def _share_of(amount: Decimal, share: Decimal) -> Decimal:
    """`share` per cent of `amount`."""
    return round_half_up(amount * share / 100)


def check_text(check: RuleCheck) -> str:
    """The sentence of a check, in the active language."""
    p = check.params
    values = {
        "category": check.category.label,
        "amount": money_text(p.get("amount", ZERO)),
        "cap": money_text(p.get("cap", ZERO)),
        "small": money_text(p.get("small", ZERO)),
        "share": percent(p.get("share", ZERO)),
        "limit": money_text(p.get("limit", ZERO)),
        "percent": percent(p.get("percent", ZERO) / 100),
    }
    return _SENTENCES[(check.rule.check, check.outcome, "small" in p)]() % values


_CAP = TransferCheck.CAP_OF_AWARD
_OUT = TransferCheck.OUT_LIMIT
_IN = TransferCheck.IN_LIMIT
_SENTENCES = {
    (_CAP, Outcome.MEETS, False): lambda: _(
        "%(category)s after the transfers: %(amount)s EUR, within the cap of %(cap)s EUR "
        "(%(share)s%% of the awarded grant)."
    ),
    (_CAP, Outcome.BREAKS, False): lambda: _(
        "%(category)s after the transfers: %(amount)s EUR, above the cap of %(cap)s EUR "
        "(%(share)s%% of the awarded grant)."
    ),
    (_CAP, Outcome.MEETS, True): lambda: _(
        "%(category)s after the transfers: %(amount)s EUR, within the cap of %(cap)s EUR "
        "of a grant of at most %(small)s EUR."
    ),
    (_CAP, Outcome.BREAKS, True): lambda: _(
        "%(category)s after the transfers: %(amount)s EUR, above the cap of %(cap)s EUR "
        "of a grant of at most %(small)s EUR."
    ),
    (TransferCheck.APPROVAL, Outcome.APPROVAL, False): lambda: _(
        "%(category)s receives %(amount)s EUR: the national agency pays it on the real "
        "costs it approves; ask for its approval."
    ),
    (_OUT, Outcome.MEETS, False): lambda: _(
        "%(category)s gives %(amount)s EUR, within the project's limit of %(percent)s%% "
        "of its award (%(limit)s EUR)."
    ),
    (_OUT, Outcome.BREAKS, False): lambda: _(
        "%(category)s gives %(amount)s EUR, more than the project's limit of %(percent)s%% "
        "of its award (%(limit)s EUR)."
    ),
    (_OUT, Outcome.NOT_SET, False): lambda: _(
        "%(category)s gives %(amount)s EUR; the project sets no limit on what a category may give."
    ),
    (_IN, Outcome.MEETS, False): lambda: _(
        "%(category)s receives %(amount)s EUR, within the project's limit of %(percent)s%% "
        "of its award (%(limit)s EUR)."
    ),
    (_IN, Outcome.BREAKS, False): lambda: _(
        "%(category)s receives %(amount)s EUR, more than the project's limit of "
        "%(percent)s%% of its award (%(limit)s EUR)."
    ),
    (_IN, Outcome.NOT_SET, False): lambda: _(
        "%(category)s receives %(amount)s EUR; the project sets no limit on what a "
        "category may receive."
    ),
}


def rule_text(rule: TransferRule, setting: Decimal | None = None, *, general: bool = False) -> str:
    """What a rule asks, in the active language; `setting` is the project's figure of a
    rule the project sets (None: not set); `general` words such a rule for every project
    (the rates page)."""
    category = rule.category.label if rule.category else ""
    if rule.check == TransferCheck.CAP_OF_AWARD:
        return _(
            "%(category)s after the transfers: at most %(share)s%% of the awarded grant, or "
            "at most %(cap)s EUR when the grant is at most %(small)s EUR."
        ) % {
            "category": category,
            "share": percent(rule.share or ZERO),
            "cap": money_text(rule.small_award_cap or ZERO),
            "small": money_text(rule.small_award or ZERO),
        }
    if rule.check == TransferCheck.APPROVAL:
        return _(
            "%(category)s: the national agency pays it on the real costs it approves; money "
            "moved into it needs its approval."
        ) % {"category": category}
    if general:
        if rule.check == TransferCheck.OUT_LIMIT:
            return _("A limit on the share of a category's award moved to other categories.")
        return _("A limit on the share of its award a category receives through transfers.")
    if rule.check == TransferCheck.OUT_LIMIT:
        if setting is None:
            return _("The project sets no limit on what a category may give to others.")
        return _("A category may give at most %(percent)s%% of its award to other categories.") % {
            "percent": percent(setting / 100)
        }
    if setting is None:
        return _("The project sets no limit on what a category may receive from others.")
    return _("A category may grow by at most %(percent)s%% of its award through transfers.") % {
        "percent": percent(setting / 100)
    }
