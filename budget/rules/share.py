"""Whose money each part of a mobility's grant is: the participant's share (paid to the
participant, or provided in kind by the school) and what the school keeps.

The engine's total for a mobility does not change; this is a view of it. Organisational
support and the organisation's unit of inclusion support are the school's, never the
participant's: no handling can give them to the participant.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from core.money import round_half_up

from .categories import BudgetCategory
from .rates import rate_table

ZERO = Decimal("0.00")


class ShareHead(StrEnum):
    """The parts of a grant an agreement can treat differently: the budget categories,
    with inclusion support split into the organisation's unit cost and real costs."""

    TRAVEL = "travel"
    INDIVIDUAL_SUPPORT = "individual_support"
    ORGANISATIONAL_SUPPORT = "organisational_support"
    ORGANISATION_INCLUSION = "organisation_inclusion"
    INCLUSION_REAL_COSTS = "inclusion_real_costs"
    PREPARATORY_VISIT = "preparatory_visit"
    COURSE_FEES = "course_fees"
    LINGUISTIC_SUPPORT = "linguistic_support"
    EXCEPTIONAL_COSTS = "exceptional_costs"


class Handling(StrEnum):
    PAID = "paid"
    IN_KIND = "in_kind"
    KEPT = "kept"


# The school's money: kept whatever a project or a mobility says.
SCHOOL_HEADS = frozenset({ShareHead.ORGANISATIONAL_SUPPORT, ShareHead.ORGANISATION_INCLUSION})

DEFAULT_HANDLING: Mapping[ShareHead, Handling] = {
    ShareHead.TRAVEL: Handling.PAID,
    ShareHead.INDIVIDUAL_SUPPORT: Handling.PAID,
    ShareHead.ORGANISATIONAL_SUPPORT: Handling.KEPT,
    ShareHead.ORGANISATION_INCLUSION: Handling.KEPT,
    ShareHead.INCLUSION_REAL_COSTS: Handling.IN_KIND,
    ShareHead.PREPARATORY_VISIT: Handling.PAID,
    ShareHead.COURSE_FEES: Handling.IN_KIND,
    ShareHead.LINGUISTIC_SUPPORT: Handling.IN_KIND,
    ShareHead.EXCEPTIONAL_COSTS: Handling.IN_KIND,
}

_CATEGORY_OF = {
    ShareHead.TRAVEL: BudgetCategory.TRAVEL,
    ShareHead.INDIVIDUAL_SUPPORT: BudgetCategory.INDIVIDUAL_SUPPORT,
    ShareHead.ORGANISATIONAL_SUPPORT: BudgetCategory.ORGANISATIONAL_SUPPORT,
    ShareHead.PREPARATORY_VISIT: BudgetCategory.PREPARATORY_VISIT,
    ShareHead.COURSE_FEES: BudgetCategory.COURSE_FEES,
    ShareHead.LINGUISTIC_SUPPORT: BudgetCategory.LINGUISTIC_SUPPORT,
    ShareHead.EXCEPTIONAL_COSTS: BudgetCategory.EXCEPTIONAL_COSTS,
}


def category_of(head: ShareHead) -> BudgetCategory:
    """The budget category a part of the grant comes from (both parts of the inclusion
    support from inclusion support)."""
    if head in (ShareHead.INCLUSION_REAL_COSTS, ShareHead.ORGANISATION_INCLUSION):
        return BudgetCategory.INCLUSION_SUPPORT
    return _CATEGORY_OF[head]


def allowed_handlings(head: ShareHead) -> tuple[Handling, ...]:
    if head in SCHOOL_HEADS:
        return (Handling.KEPT,)
    return (Handling.PAID, Handling.IN_KIND, Handling.KEPT)


@dataclass(frozen=True)
class ShareLine:
    head: ShareHead
    amount: Decimal
    handling: Handling


@dataclass(frozen=True)
class GrantShare:
    """A mobility's grant line by line, each with whose money it is; lines of 0 EUR are
    left out."""

    lines: tuple[ShareLine, ...]

    def _sum(self, handling: Handling) -> Decimal:
        return sum((line.amount for line in self.lines if line.handling == handling), ZERO)

    @property
    def paid(self) -> tuple[ShareLine, ...]:
        return tuple(line for line in self.lines if line.handling == Handling.PAID)

    @property
    def in_kind(self) -> tuple[ShareLine, ...]:
        return tuple(line for line in self.lines if line.handling == Handling.IN_KIND)

    @property
    def paid_total(self) -> Decimal:
        return self._sum(Handling.PAID)

    @property
    def in_kind_total(self) -> Decimal:
        return self._sum(Handling.IN_KIND)

    @property
    def kept_total(self) -> Decimal:
        return self._sum(Handling.KEPT)

    @property
    def participant_total(self) -> Decimal:
        """What the agreement gives the participant: paid and provided in kind."""
        return self.paid_total + self.in_kind_total

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def inclusion_real_costs_part(
    inclusion_support: Decimal, real_costs_claimed: Decimal | None, call_year: int
) -> Decimal:
    """The part of a mobility's inclusion support that funds real costs (the rest is the
    organisation's unit cost), as the engine computed it."""
    if not real_costs_claimed:
        return ZERO
    share = rate_table(call_year).inclusion_real_costs_share
    return min(inclusion_support, round_half_up(real_costs_claimed * share))


def split_grant(
    amounts: Mapping[str, Decimal],
    *,
    inclusion_real_costs: Decimal,
    handling: Mapping[ShareHead, Handling],
) -> GrantShare:
    """`amounts` per budget category (the stored grant), split by `handling` per head;
    a head missing from `handling` takes its default, and the school's heads are kept
    whatever `handling` says."""
    inclusion = amounts.get(BudgetCategory.INCLUSION_SUPPORT, ZERO)
    by_head = {head: amounts.get(category, ZERO) for head, category in _CATEGORY_OF.items()}
    by_head[ShareHead.INCLUSION_REAL_COSTS] = inclusion_real_costs
    by_head[ShareHead.ORGANISATION_INCLUSION] = inclusion - inclusion_real_costs
    lines = []
    for head in ShareHead:
        if not by_head[head]:
            continue
        chosen = handling.get(head, DEFAULT_HANDLING[head])
        if chosen not in allowed_handlings(head):
            chosen = Handling.KEPT
        lines.append(ShareLine(head, by_head[head], Handling(chosen)))
    return GrantShare(tuple(lines))
