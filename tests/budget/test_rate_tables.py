from dataclasses import replace
from decimal import Decimal

import pytest

from budget.rules import (
    DEFAULT_INDIVIDUAL_SUPPORT_RATES,
    CountryGroup,
    RateKind,
    RuleError,
    rate_table,
    round_half_up,
    validate_rates,
)
from budget.rules.rates import rate_field
from core.money import WHOLE_EURO, euros

RANGES = [
    (RateKind.STAFF, CountryGroup.ONE, 107, 191),
    (RateKind.STAFF, CountryGroup.TWO, 95, 169),
    (RateKind.STAFF, CountryGroup.THREE, 84, 148),
    (RateKind.LEARNER, CountryGroup.ONE, 48, 127),
    (RateKind.LEARNER, CountryGroup.TWO, 41, 110),
    (RateKind.LEARNER, CountryGroup.THREE, 36, 93),
]


def test_it_has_the_same_rates_in_2025_and_2026():
    assert replace(rate_table(2025), call_year=2026) == rate_table(2026)


@pytest.mark.parametrize("year", [2021, 2024, 2027])
def test_it_rejects_an_unknown_call_year(year):
    with pytest.raises(RuleError) as caught:
        rate_table(year)
    assert [p.field for p in caught.value.problems] == ["call_year"]


def test_it_labels_the_bands_as_the_programme_guide():
    labels = [band.label for band in rate_table(2026).travel_bands]
    assert labels == [
        "0-9", "10-99", "100-499", "500-1999", "2000-2999", "3000-3999", "4000-7999", "8000+",
    ]  # fmt: skip


def test_it_has_the_unit_costs_of_the_programme_guide():
    table = rate_table(2026)
    assert table.inclusion_support == 125
    assert table.preparatory_visit == 680
    assert (table.course_fee_per_day, table.course_max_days) == (80, 10)
    assert (table.linguistic_support, table.linguistic_support_reinforced) == (150, 150)
    assert table.expensive_travel_threshold == Decimal("0.70")
    assert table.expensive_travel_share == table.financial_guarantee_share == Decimal("0.80")
    assert table.visa_and_medical_share == 1


def test_its_documented_default_rates_are_inside_the_ranges():
    assert validate_rates(2026, DEFAULT_INDIVIDUAL_SUPPORT_RATES[2026]) == []
    assert validate_rates(2025, DEFAULT_INDIVIDUAL_SUPPORT_RATES[2025]) == []


@pytest.mark.parametrize(("kind", "group", "minimum", "maximum"), RANGES)
def test_it_accepts_rates_at_the_edges_of_the_range(kind, group, minimum, maximum):
    name = rate_field(kind, group)
    for rate in (minimum, maximum):
        rates = replace(DEFAULT_INDIVIDUAL_SUPPORT_RATES[2026], **{name: Decimal(rate)})
        assert validate_rates(2026, rates) == []


@pytest.mark.parametrize(("kind", "group", "minimum", "maximum"), RANGES)
def test_it_rejects_rates_outside_the_range(kind, group, minimum, maximum):
    name = rate_field(kind, group)
    for rate in (Decimal(minimum) - Decimal("0.01"), Decimal(maximum) + 1):
        rates = replace(DEFAULT_INDIVIDUAL_SUPPORT_RATES[2026], **{name: rate})
        assert [p.field for p in validate_rates(2026, rates)] == [name]


def test_it_reports_every_rate_outside_its_range():
    rates = replace(
        DEFAULT_INDIVIDUAL_SUPPORT_RATES[2026],
        staff_group_1=Decimal(0),
        learner_group_3=Decimal(94),
    )
    assert [p.field for p in validate_rates(2026, rates)] == ["staff_group_1", "learner_group_3"]


@pytest.mark.parametrize(
    ("value", "step", "expected"),
    [
        ("66.5", WHOLE_EURO, "67"),
        ("66.49", WHOLE_EURO, "66"),
        ("0.125", Decimal("0.01"), "0.13"),
        ("2.675", Decimal("0.01"), "2.68"),
        ("-0.125", Decimal("0.01"), "-0.13"),
    ],
)
def test_it_rounds_half_up(value, step, expected):
    assert round_half_up(Decimal(value), step) == Decimal(expected)


def test_it_shows_amounts_with_two_decimals():
    assert euros(Decimal("395")) == "395.00"
    assert euros(Decimal("0.005")) == "0.01"
