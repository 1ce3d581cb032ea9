"""Builders shared by the budget rule tests; none of them needs a database."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from budget.rules import (
    DEFAULT_INDIVIDUAL_SUPPORT_RATES,
    MobilityGrant,
    MobilityInput,
    Place,
    Problem,
    RuleError,
    quote_mobility,
)

RATES = DEFAULT_INDIVIDUAL_SUPPORT_RATES[2026]
START = date(2026, 9, 1)
RIGA = Place("Riga", "LV")
VALENCIA = Place("Valencia", "ES")


def mobility(*, days: int = 28, **fields) -> MobilityInput:
    """A learner's short-term mobility from Riga to Valencia, 1000 km typed by hand (no
    gazetteer), 28 days from 1 September 2026, unless told otherwise."""
    values = {
        "ref": "M1",
        "activity": "learner_short_term",
        "start": START,
        "end": START + timedelta(days=days - 1),
        "origin": RIGA,
        "destination": VALENCIA,
        "distance_km": Decimal("1000"),
    }
    return MobilityInput(**{**values, **fields})


def incoming(activity: str, *, days: int = 10, **fields) -> MobilityInput:
    """An expert or teacher from Valencia coming to the beneficiary in Riga."""
    fields = {"origin": VALENCIA, "destination": RIGA, **fields}
    return mobility(activity=activity, days=days, **fields)


def quote(m: MobilityInput, **kwargs) -> MobilityGrant:
    kwargs.setdefault("rates", RATES)
    return quote_mobility(m, call_year=2026, **kwargs)


def problems(m: MobilityInput, **kwargs) -> list[Problem]:
    with pytest.raises(RuleError) as caught:
        quote(m, **kwargs)
    return caught.value.problems


def problem_fields(m: MobilityInput, **kwargs) -> list[str]:
    return [problem.field for problem in problems(m, **kwargs)]


def amounts(m: MobilityInput, **kwargs) -> dict[str, Decimal]:
    return quote(m, **kwargs).amounts
