from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from budget.rules import (
    BudgetCategory,
    ExceptionalCosts,
    Place,
    RuleError,
    activity_ordinals,
    quote_project,
)
from tests.budget.quote_helpers import RATES, START, mobility

NEW_YORK = Place("New York", "US")


def numbered(count: int, **fields):
    return [mobility(ref=f"M{i}", **fields) for i in range(1, count + 1)]


def course(ref: str, **fields):
    values = {"activity": "staff_course", "days": 10, "course_days": 10, **fields}
    return mobility(ref=ref, **values)


def visit(ref: str, **fields):
    return mobility(ref=ref, activity="preparatory_visit", days=2, **fields)


def warnings(mobilities, **kwargs):
    return quote_project(2026, mobilities, rates=RATES, **kwargs).warnings


# Totals and ranks


def test_it_ranks_participants_per_activity_in_input_order():
    mobilities = [
        mobility(ref="A"),
        mobility(ref="B", activity="staff_teaching", days=5),
        mobility(ref="C", activity="learner_group", role="accompanying_person"),
        mobility(ref="D"),
    ]
    assert activity_ordinals(mobilities) == [1, 1, 1, 2]


def test_it_pays_200_organisational_support_to_the_101st_short_term_learner():
    grants = quote_project(2026, numbered(101)).mobilities
    assert grants[99].amounts["organisational_support"] == 350
    assert grants[100].amounts["organisational_support"] == 200


def test_it_does_not_count_accompanying_persons_among_the_first_100():
    escort = mobility(activity="learner_short_term", role="accompanying_person")
    mobilities = [replace(escort, ref="E")] + numbered(100)
    assert quote_project(2026, mobilities).mobilities[-1].amounts["organisational_support"] == 350


def test_it_totals_each_category_and_the_grant():
    quote = quote_project(2026, numbered(2, fewer_opportunities=True))
    totals = quote.totals
    assert list(totals) == [*BudgetCategory, "total"]
    assert totals["inclusion_support"] == 250
    assert totals["total"] == 2 * quote.mobilities[0].total


def test_it_applies_the_documented_default_rates_without_rates():
    assert quote_project(2026, [mobility(days=10)]).totals["individual_support"] == 1000


def test_it_reports_the_problems_of_every_mobility_at_once():
    mobilities = [mobility(ref="A", travel_days=3), mobility(ref="B", activity="nope")]
    with pytest.raises(RuleError) as caught:
        quote_project(2026, mobilities)
    assert [(p.ref, p.field) for p in caught.value.problems] == [
        ("A", "travel_days"),
        ("B", "activity_type"),
    ]


def test_it_rejects_repeated_references():
    with pytest.raises(RuleError) as caught:
        quote_project(2026, [mobility(ref="A"), mobility(ref="A")])
    assert [(p.ref, p.field) for p in caught.value.problems] == [("A", "ref")]


def test_it_rejects_rates_outside_the_range_and_an_unknown_year():
    with pytest.raises(RuleError) as caught:
        quote_project(2026, [mobility()], rates=replace(RATES, staff_group_1=Decimal(200)))
    assert [p.field for p in caught.value.problems] == ["staff_group_1"]
    with pytest.raises(RuleError) as caught:
        quote_project(2020, [mobility()])
    assert [p.field for p in caught.value.problems] == ["call_year"]


# Course fees cap: 26 courses of 10 days are 20 800 EUR of course fees.


def test_it_warns_when_course_fees_pass_20000_of_a_grant_of_at_most_40000():
    assert warnings([course(f"C{i}") for i in range(25)], awarded_total=Decimal(40000)) == ()
    assert len(warnings([course(f"C{i}") for i in range(26)], awarded_total=Decimal(40000))) == 1


def test_it_warns_when_course_fees_pass_half_of_a_larger_grant():
    courses = [course(f"C{i}") for i in range(26)]
    assert warnings(courses, awarded_total=Decimal(41600)) == ()
    assert len(warnings(courses, awarded_total=Decimal("41599.98"))) == 1


def test_it_skips_the_caps_without_an_awarded_total():
    courses = [course(f"C{i}") for i in range(26)]
    assert warnings(courses + [mobility(destination=NEW_YORK)]) == ()


# Non-associated third countries: 10 days in the US, 7000 km.
# 1188 travel + 10 × 120 individual support + 500 organisational support = 2888 EUR.


def third_country(**fields):
    return mobility(days=10, destination=NEW_YORK, distance_km=Decimal(7000), **fields)


def test_it_warns_when_third_countries_pass_20_percent_of_the_grant():
    assert warnings([third_country()], awarded_total=Decimal(14440)) == ()
    assert len(warnings([third_country()], awarded_total=Decimal("14439.99"))) == 1


def test_it_leaves_inclusion_real_costs_and_expensive_travel_out_of_the_third_country_cap():
    m = third_country(inclusion_support_real_costs=Decimal(5000))
    assert warnings([m], awarded_total=Decimal(14440)) == ()
    # Expensive travel: 80% of 2000 replaces 1188, leaving 1200 + 500 = 1700 counted.
    costs = ExceptionalCosts(expensive_travel_real_cost=Decimal(2000))
    grant = quote_project(2026, [third_country(exceptional_costs=costs)]).mobilities[0]
    assert grant.third_country_amount == 1700


# Preparatory visits


def test_it_warns_about_more_than_3_participants_in_one_visit():
    three = [visit(f"P{i}", visit="V1", host="Acme") for i in range(3)]
    assert warnings(three) == ()
    assert len(warnings(three + [visit("P4", visit="V1", host="Acme")])) == 1


def test_it_warns_about_a_second_visit_to_the_same_host():
    first = visit("P1", visit="V1", host="Acme")
    assert warnings([first, visit("P2", visit="V2", host="Other")]) == ()
    assert len(warnings([first, visit("P2", visit="V2", host="ACME ")])) == 1


# Courses


def test_it_warns_about_more_than_3_people_on_the_same_course():
    same = [course(f"C{i}", host="Course Ltd") for i in range(3)]
    assert warnings(same) == ()
    assert len(warnings(same + [course("C4", host="course ltd")])) == 1


def test_it_tells_courses_apart_by_their_dates():
    same = [course(f"C{i}", host="Course Ltd") for i in range(3)]
    later = START + timedelta(days=30)
    other = course("C4", host="Course Ltd", start=later, end=later + timedelta(days=9))
    assert warnings(same + [other]) == ()


def test_it_warns_about_one_person_on_two_courses():
    first = course("C1", participant="Anna Bērziņa")
    assert warnings([first, course("C2", participant="Pēteris Kalns")]) == ()
    assert len(warnings([first, course("C2", participant="Anna Berzina")])) == 1
    assert warnings([first, mobility(ref="M1", participant="Anna Bērziņa")]) == ()


# Spending per category


def test_it_warns_about_spending_over_the_awarded_amount_of_a_category():
    awarded = {"travel": Decimal(1000)}
    assert warnings([], awarded=awarded, spent={"travel": Decimal(1000)}) == ()
    assert len(warnings([], awarded=awarded, spent={"travel": Decimal("1000.01")})) == 1


def test_it_rejects_an_unknown_category_and_negative_awarded_amounts():
    with pytest.raises(RuleError) as caught:
        quote_project(
            2026, [], awarded_total=Decimal(-1), awarded={"coffee": Decimal(1)},
            spent={"travel": Decimal(-5)},
        )  # fmt: skip
    assert [p.field for p in caught.value.problems] == ["awarded_total", "awarded", "spent.travel"]


# Planned amounts against the award

AWARD_OF_ONE = {
    "travel": Decimal("309.00"),
    "individual_support": Decimal("2380.00"),
    "organisational_support": Decimal("350.00"),
}


def test_it_warns_when_the_planned_amount_of_a_category_passes_its_award():
    # One mobility: travel 309.00, individual support 2,380.00, organisational 350.00.
    assert warnings([mobility(ref="M1")], awarded=AWARD_OF_ONE) == ()
    short = AWARD_OF_ONE | {"individual_support": Decimal("2000.00")}
    assert warnings([mobility(ref="M1")], awarded=short) == (
        "Individual support: 2,380.00 EUR planned, 380.00 EUR more than the 2,000.00 EUR awarded.",
        "In total 3,039.00 EUR planned, 380.00 EUR more than the 2,659.00 EUR awarded.",
    )


def test_a_category_left_out_of_the_award_has_nothing_to_plan():
    without_travel = {k: v for k, v in AWARD_OF_ONE.items() if k != "travel"}
    assert warnings([mobility(ref="M1")], awarded=without_travel)[0] == (
        "Travel: 309.00 EUR planned, 309.00 EUR more than the 0.00 EUR awarded."
    )
    assert warnings([mobility(ref="M1")]) == ()  # no award known yet


def test_the_planned_amounts_are_written_for_a_latvian_reader():
    short = AWARD_OF_ONE | {"individual_support": Decimal("1234.50")}
    with translation.override("lv"):
        found = warnings([mobility(ref="M1")], awarded=short)
    assert found == (
        "Individuālais atbalsts: plānoti 2\xa0380,00 EUR, par 1\xa0145,50 EUR vairāk nekā "
        "piešķirtie 1\xa0234,50 EUR.",
        "Kopā plānoti 3\xa0039,00 EUR, par 1\xa0145,50 EUR vairāk nekā piešķirtie 1\xa0893,50 EUR.",
    )


def test_a_quote_holds_rule_codes_and_figures_and_reads_in_any_language():
    short = AWARD_OF_ONE | {"individual_support": Decimal("1234.50")}
    quote = quote_project(2026, [mobility(ref="M1")], rates=RATES, awarded=short)
    total = quote.notices[-1]
    assert (total.code, dict(total.params)) == (
        "award_overrun",
        {"category": "total", "planned": Decimal("3039.00"), "awarded": Decimal("1893.50")},
    )
    # The same quote, not computed again, in each reader's language.
    assert quote.warnings[-1] == (
        "In total 3,039.00 EUR planned, 1,145.50 EUR more than the 1,893.50 EUR awarded."
    )
    with translation.override("lv"):
        assert quote.warnings[-1] == (
            "Kopā plānoti 3\xa0039,00 EUR, par 1\xa0145,50 EUR vairāk nekā piešķirtie "
            "1\xa0893,50 EUR."
        )
