"""Every figure of a rule is read from the rate table of the call year: a call year whose
table says otherwise changes the outcome, and the sentences that name the figure, with
no change to the logic. The tables here are made up; the real ones are tested elsewhere."""

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from types import MappingProxyType

import pytest

from budget.rules import ExceptionalCosts, RuleError, quote_mobility, quote_project
from budget.rules import rates as rate_tables
from budget.selectors import mobility_grant
from mobilities.models import Mobility
from mobilities.services import mobility_update
from tests import factories
from tests.budget.quote_helpers import RATES
from tests.budget.quote_helpers import mobility as mobility_2026

MADE_UP_YEAR = 2027


def made_up_table(**figures):
    return replace(rate_tables.rate_table(2026), call_year=MADE_UP_YEAR, **figures)


@pytest.fixture
def call_year(monkeypatch):
    """Adds a call year whose table has the figures given, and returns its number."""

    def add(table):
        years = {**rate_tables.RATE_TABLES, table.call_year: table}
        monkeypatch.setattr(rate_tables, "RATE_TABLES", MappingProxyType(years))
        return table.call_year

    return add


def mobility(**fields):
    """The 2026 helper's mobility, moved a year on into the made-up call year."""
    m = mobility_2026(**fields)
    return replace(m, start=m.start + timedelta(days=365), end=m.end + timedelta(days=365))


def numbered(count: int, **fields):
    return [mobility(ref=f"M{i}", **fields) for i in range(1, count + 1)]


def quote(m, *, call_year=2026, **kwargs):
    return quote_mobility(m, call_year=call_year, rates=RATES, **kwargs)


def amounts(m, **kwargs):
    return quote(m, **kwargs).amounts


def problems(m, **kwargs):
    with pytest.raises(RuleError) as caught:
        quote(m, **kwargs)
    return caught.value.problems


def test_organisational_support_is_reduced_from_the_rank_the_table_gives(call_year):
    year = call_year(made_up_table(organisational_support_full_participants=50))
    grants = quote_project(year, numbered(51), rates=RATES).mobilities
    assert grants[49].amounts["organisational_support"] == 350
    assert grants[50].amounts["organisational_support"] == 200
    assert "(from no. 51)" in grants[50].lines[2].explanation
    # The real table still pays the 51st in full.
    m = mobility_2026()
    assert amounts(m, ordinal_in_activity=51)["organisational_support"] == 350


def test_expensive_travel_is_claimed_below_the_tables_threshold(call_year):
    year = call_year(made_up_table(expensive_travel_threshold=Decimal("0.60")))
    # 1000 km: a travel unit cost of 309 EUR, 64% of a real cost of 480 EUR.
    costs = ExceptionalCosts(expensive_travel_real_cost=Decimal(480))
    assert amounts(mobility_2026(exceptional_costs=costs))["travel"] == 0  # under 70%
    grant = quote(mobility(exceptional_costs=costs), call_year=year)
    assert grant.amounts["travel"] == 309  # at least 60%: the unit cost is kept
    assert grant.amounts["exceptional_costs"] == 0
    assert grant.warnings == (
        "The travel unit cost (309.00 EUR) covers at least 60% of the real travel cost "
        "(480.00 EUR): the unit cost is kept and expensive travel is not claimed.",
    )


def test_the_daily_rate_is_reduced_after_the_tables_full_rate_days(call_year):
    year = call_year(made_up_table(full_rate_days=10, reduced_rate_share=Decimal("0.50")))
    # 28 days at the learner rate of group 2 (100 EUR).
    assert amounts(mobility_2026())["individual_support"] == 2380  # 14 x 100 + 14 x 70
    assert amounts(mobility(), call_year=year)["individual_support"] == 1900  # 10 x 100 + 18 x 50


def test_the_funded_travel_days_are_the_tables(call_year):
    year = call_year(made_up_table(max_travel_days_standard=1, max_travel_days_green=3))
    assert amounts(mobility_2026(travel_days=2))["individual_support"] > 0
    found = problems(mobility(travel_days=2), call_year=year)
    assert [(p.field, p.message) for p in found] == [
        ("travel_days", "At most 1 travel day is funded with standard travel.")
    ]
    found = problems(mobility(travel_days=4, green_travel=True), call_year=year)
    assert [p.message for p in found] == ["At most 3 travel days are funded with green travel."]


def test_the_courses_a_person_may_attend_are_the_tables(call_year):
    year = call_year(made_up_table(max_courses_per_person=2))

    def course(ref: str):
        fields = {"activity": "staff_course", "days": 10, "course_days": 10}
        return mobility(ref=ref, participant="Anna Bērziņa", **fields)

    assert quote_project(year, [course("C1"), course("C2")], rates=RATES).warnings == ()
    warnings = quote_project(year, [course(f"C{i}") for i in (1, 2, 3)], rates=RATES).warnings
    assert warnings == (
        "Anna Bērziņa attends 3 courses (C1, C2, C3); at most 2 per person per project is funded.",
    )


@pytest.mark.django_db
def test_stored_grants_follow_the_tables_rank_of_reduced_support(monkeypatch, project, host):
    table = replace(rate_tables.rate_table(2026), organisational_support_full_participants=3)
    years = {**rate_tables.RATE_TABLES, 2026: table}
    monkeypatch.setattr(rate_tables, "RATE_TABLES", MappingProxyType(years))
    for _ in range(4):
        factories.mobility(project, host=host)
    fourth = Mobility.objects.get(number=4)
    assert fourth.grant.organisational_support == Decimal("200.00")
    explanation = {label: rule for label, _amount, rule in mobility_grant(fourth).lines}
    assert explanation["Organisational support"].startswith("Participant no. 4 ")
    # Cancelling an early one moves the 4th back to full support.
    mobility_update(
        mobility=Mobility.objects.get(number=1), data={"status": Mobility.Status.CANCELLED}
    )
    fourth.refresh_from_db()
    assert fourth.grant.organisational_support == Decimal("350.00")
    assert mobility_grant(fourth).lines[2][2] == "350.00 EUR per participant in this activity type"
