"""The ranking of a selection call: pure functions over frozen dataclasses, no ORM.

Weighted score of an application, 0-100:

    100 × Σ_c weight_c × (average points of the evaluators for c / max_score_c) / Σ_c weight_c

The evaluators ("the panel") are everyone who has scored any application of the call. An
application is ranked only when every panel member has scored every criterion of it;
otherwise it is incomplete and not ranked, so that every ranked application was judged by
the same people on the same criteria.

Scores are rounded to two decimals, half up, and compared as shown. Ties are broken, in
this order, by:
1. fewer opportunities first (the programme gives priority to inclusion);
2. the earlier submission date;
3. the application recorded first in the portal (the lower id), so the order is always
   the same.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

SCORE_STEP = Decimal("0.01")


def round_score(value: Fraction) -> Decimal:
    """A score rounded to two decimals, half up: the value shown and compared."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(SCORE_STEP, rounding=ROUND_HALF_UP)


class TieBreak(StrEnum):
    """Why an application is ranked above the next one with the same score."""

    FEWER_OPPORTUNITIES = "fewer_opportunities"
    EARLIER_SUBMISSION = "earlier_submission"
    RECORDED_FIRST = "recorded_first"


@dataclass(frozen=True)
class Criterion:
    id: int
    weight: Decimal
    max_score: int


@dataclass(frozen=True)
class Candidate:
    """An application: `points` maps (criterion id, evaluator id) to the points given."""

    id: int
    fewer_opportunities: bool
    submitted_on: date
    points: Mapping[tuple[int, int], int] = field(default_factory=dict)


@dataclass(frozen=True)
class Standing:
    """Where one application stands: ranked (with `rank` and `score`) or incomplete."""

    id: int
    averages: Mapping[int, Decimal]
    scores_given: int
    scores_needed: int
    score: Decimal | None = None
    rank: int | None = None
    # Set on the application that won a tie against the next one.
    tie_break: TieBreak | None = None

    @property
    def complete(self) -> bool:
        return self.score is not None


def panel(candidates: Iterable[Candidate]) -> list[int]:
    """The evaluators: everyone who has scored anything in the call."""
    return sorted({evaluator for c in candidates for (_, evaluator) in c.points})


def weighted_score(criteria: Sequence[Criterion], candidate: Candidate, evaluators) -> Fraction:
    total_weight = sum(Fraction(c.weight) for c in criteria)
    total = Fraction(0)
    for criterion in criteria:
        average = _average(candidate, criterion.id, evaluators)
        total += Fraction(criterion.weight) * average / criterion.max_score
    return 100 * total / total_weight


def rank(criteria: Sequence[Criterion], candidates: Sequence[Candidate]) -> list[Standing]:
    """Ranked applications first (rank 1 is best), then the incomplete ones by id."""
    evaluators = panel(candidates)
    needed = len(criteria) * len(evaluators)
    ranked, incomplete = [], []
    for candidate in candidates:
        given = sum((c.id, e) in candidate.points for c in criteria for e in evaluators)
        averages = _averages(criteria, candidate)
        if needed and given == needed:
            score = round_score(weighted_score(criteria, candidate, evaluators))
            ranked.append((candidate, score, averages, given))
        else:
            incomplete.append(Standing(candidate.id, averages, given, needed))
    ranked.sort(key=lambda row: _order(row[0], row[1]))
    standings = [
        Standing(
            candidate.id,
            averages,
            given,
            needed,
            score=score,
            rank=position,
            tie_break=_tie_break(ranked, position - 1),
        )
        for position, (candidate, score, averages, given) in enumerate(ranked, start=1)
    ]
    return standings + sorted(incomplete, key=lambda s: s.id)


def _order(candidate: Candidate, score: Decimal):
    return (-score, not candidate.fewer_opportunities, candidate.submitted_on, candidate.id)


def _tie_break(ranked, index: int) -> TieBreak | None:
    if index + 1 >= len(ranked):
        return None
    (this, score, *_), (following, next_score, *_) = ranked[index], ranked[index + 1]
    if score != next_score:
        return None
    if this.fewer_opportunities != following.fewer_opportunities:
        return TieBreak.FEWER_OPPORTUNITIES
    if this.submitted_on != following.submitted_on:
        return TieBreak.EARLIER_SUBMISSION
    return TieBreak.RECORDED_FIRST


def _average(candidate: Candidate, criterion_id: int, evaluators) -> Fraction:
    points = [candidate.points[(criterion_id, e)] for e in evaluators]
    return Fraction(sum(points), len(points))


def _averages(criteria, candidate: Candidate) -> dict[int, Decimal]:
    """The average points per criterion of whoever has scored it so far, for display."""
    averages = {}
    for criterion in criteria:
        points = [p for (c, _), p in candidate.points.items() if c == criterion.id]
        if points:
            averages[criterion.id] = round_score(Fraction(sum(points), len(points)))
    return averages
