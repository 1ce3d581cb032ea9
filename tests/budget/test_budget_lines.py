from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from budget.rules import BudgetCategory, ExceptionalCosts, Place
from tests.budget.quote_helpers import amounts, incoming, mobility, problem_fields, quote

NEW_YORK = Place("New York", "US")


def test_it_always_gives_the_eight_categories_in_order():
    grant = quote(mobility())
    assert [line.category for line in grant.lines] == list(BudgetCategory)
    assert list(BudgetCategory) == [
        "travel", "individual_support", "organisational_support", "inclusion_support",
        "preparatory_visit", "course_fees", "linguistic_support", "exceptional_costs",
    ]  # fmt: skip
    assert grant.total == sum(grant.amounts.values())


# Organisational support


@pytest.mark.parametrize(
    "activity", ["learner_short_term", "staff_job_shadowing", "staff_teaching"]
)
def test_it_pays_350_to_the_100th_participant_and_200_from_the_101st(activity):
    m = mobility(activity=activity, days=10)
    assert amounts(m, ordinal_in_activity=100)["organisational_support"] == 350
    assert amounts(m, ordinal_in_activity=101)["organisational_support"] == 200


@pytest.mark.parametrize(
    ("m", "expected"),
    [
        (mobility(activity="learner_skills_competition", days=5), 100),
        (mobility(activity="learner_group", days=5), 100),
        (mobility(activity="staff_course", days=5, course_days=5), 100),
        (incoming("invited_expert", days=5), 100),
        (incoming("hosted_teacher", days=10), 100),
        (mobility(activity="learner_erasmuspro", days=90), 500),
    ],
    ids=lambda value: getattr(value, "activity", str(value)),
)
def test_it_pays_the_flat_organisational_support_of_the_activity(m, expected):
    assert amounts(m, ordinal_in_activity=150)["organisational_support"] == expected


def test_it_pays_500_for_an_individual_activity_in_a_non_associated_third_country():
    m = mobility(days=10, destination=NEW_YORK)
    assert amounts(m, ordinal_in_activity=101)["organisational_support"] == 500


def test_it_pays_no_organisational_support_for_accompanying_persons():
    m = mobility(activity="learner_group", role="accompanying_person", days=10)
    assert amounts(m)["organisational_support"] == 0


def test_it_rejects_a_rank_below_1():
    with pytest.raises(ValueError):
        quote(mobility(), ordinal_in_activity=0)


# Inclusion support


def test_it_pays_125_for_a_participant_with_fewer_opportunities():
    assert amounts(mobility(fewer_opportunities=True))["inclusion_support"] == 125
    assert amounts(mobility())["inclusion_support"] == 0


def test_it_pays_no_125_for_an_accompanying_person():
    m = mobility(activity="learner_group", role="accompanying_person", fewer_opportunities=True)
    assert amounts(m)["inclusion_support"] == 0


def test_it_adds_inclusion_support_real_costs_in_full():
    m = mobility(fewer_opportunities=True, inclusion_support_real_costs=Decimal("300.50"))
    assert amounts(m)["inclusion_support"] == Decimal("425.50")


# Preparatory visit


def test_it_pays_only_680_for_a_preparatory_visit():
    grant = quote(mobility(activity="preparatory_visit", days=3, fewer_opportunities=True))
    assert grant.amounts == {**dict.fromkeys(BudgetCategory, 0), "preparatory_visit": 680}
    assert (grant.distance_km, grant.band) == (Decimal("1000.00"), None)


def test_it_quotes_a_preparatory_visit_without_places_or_distance():
    m = mobility(activity="preparatory_visit", days=2, origin=None, distance_km=None)
    assert quote(m).distance_km is None


def test_it_rejects_other_claims_beside_a_preparatory_visit():
    m = mobility(
        activity="preparatory_visit",
        days=2,
        inclusion_support_real_costs=Decimal(10),
        exceptional_costs=ExceptionalCosts(visa_and_medical=Decimal(60)),
    )
    assert problem_fields(m) == ["visa_and_medical", "inclusion_support_real_costs"]


# Course fees


@pytest.mark.parametrize(("course_days", "expected"), [(1, 80), (5, 400), (10, 800)])
def test_it_pays_80_per_course_day(course_days, expected):
    m = mobility(activity="staff_course", days=10, course_days=course_days)
    assert amounts(m)["course_fees"] == expected


@pytest.mark.parametrize("course_days", [None, 0, 11])
def test_it_funds_1_to_10_course_days(course_days):
    m = mobility(activity="staff_course", days=10, course_days=course_days)
    assert problem_fields(m) == ["course_days"]


def test_it_rejects_more_course_days_than_days_of_the_mobility():
    assert problem_fields(mobility(activity="staff_course", days=3, course_days=4)) == [
        "course_days"
    ]


def test_it_rejects_course_days_for_another_activity():
    assert problem_fields(mobility(course_days=3)) == ["course_days"]


# Linguistic support


@pytest.mark.parametrize(
    "m",
    [
        mobility(linguistic_support=True),
        mobility(activity="staff_job_shadowing", days=5, linguistic_support=True),
        mobility(activity="staff_teaching", days=5, linguistic_support=True),
        incoming("hosted_teacher", linguistic_support=True),
    ],
    ids=lambda m: m.activity,
)
def test_it_pays_150_linguistic_support_when_asked(m):
    assert amounts(m)["linguistic_support"] == 150


def test_it_adds_150_reinforced_linguistic_support_to_erasmuspro():
    assert amounts(mobility(activity="learner_erasmuspro", days=90))["linguistic_support"] == 150
    m = mobility(activity="learner_erasmuspro", days=90, linguistic_support=True)
    assert amounts(m)["linguistic_support"] == 300


@pytest.mark.parametrize(
    "m",
    [
        mobility(activity="learner_group", days=5, linguistic_support=True),
        mobility(activity="staff_course", days=5, course_days=5, linguistic_support=True),
        incoming("invited_expert", days=5, linguistic_support=True),
        mobility(
            activity="learner_erasmuspro",
            role="accompanying_person",
            days=10,
            linguistic_support=True,
        ),
    ],
    ids=lambda m: f"{m.activity}-{m.role}",
)
def test_it_rejects_linguistic_support_elsewhere(m):
    assert problem_fields(m) == ["linguistic_support"]


# Exceptional costs


def expensive(real_cost: str, km: str = "50"):
    costs = ExceptionalCosts(expensive_travel_real_cost=Decimal(real_cost))
    return mobility(distance_km=Decimal(km), exceptional_costs=costs)


def test_it_replaces_the_travel_unit_cost_when_it_covers_less_than_70_percent():
    # Unit cost 28 EUR (10-99 km); 70% of 40.01 is 28.007: expensive travel, 80% of 40.01.
    grant = quote(expensive("40.01"))
    assert grant.amounts["travel"] == 0
    assert grant.amounts["exceptional_costs"] == Decimal("32.01")
    assert grant.warnings == ()


def test_it_keeps_the_travel_unit_cost_when_it_covers_70_percent_and_warns():
    # 70% of 40.00 is exactly the unit cost of 28 EUR.
    grant = quote(expensive("40.00"))
    assert grant.amounts["travel"] == 28
    assert grant.amounts["exceptional_costs"] == 0
    assert len(grant.warnings) == 1


def test_it_pays_80_percent_of_a_financial_guarantee_and_all_visa_and_medical_costs():
    costs = ExceptionalCosts(financial_guarantee=Decimal(1000), visa_and_medical=Decimal("123.45"))
    assert amounts(mobility(exceptional_costs=costs))["exceptional_costs"] == Decimal("923.45")


def test_it_rejects_negative_amounts():
    costs = ExceptionalCosts(
        expensive_travel_real_cost=Decimal(-1),
        financial_guarantee=Decimal(-1),
        visa_and_medical=Decimal(-1),
    )
    m = mobility(exceptional_costs=costs, inclusion_support_real_costs=Decimal(-1))
    assert problem_fields(m) == [
        "expensive_travel_real_cost",
        "financial_guarantee",
        "visa_and_medical",
        "inclusion_support_real_costs",
    ]


# Distance


def test_it_lets_the_caller_override_the_distance():
    grant = quote(mobility(distance_km=Decimal(1000)), distance_km=Decimal("2500"))
    assert (grant.distance_km, grant.band, grant.amounts["travel"]) == (2500, "2000-2999", 395)


@translation.override("en")
def test_it_explains_each_line():
    grant = quote(mobility(distance_km=Decimal("2710.88"), fewer_opportunities=True))
    explanations = {line.category: line.explanation for line in grant.lines}
    assert explanations["travel"] == "Band 2000-2999 km, standard travel: 395.00 EUR"
    assert explanations["organisational_support"].startswith("350.00 EUR")
    assert explanations["inclusion_support"] == ("Participant with fewer opportunities: 125.00 EUR")


def test_it_needs_no_places_when_the_caller_gives_the_distance():
    m = mobility(origin=None, destination=Place("", "ES"), distance_km=None)
    assert quote(m, distance_km=Decimal("85")).band == "10-99"


def test_it_refuses_real_costs_beyond_their_bounds():
    costs = ExceptionalCosts(
        expensive_travel_real_cost=Decimal("20000.01"),
        financial_guarantee=Decimal("50000.01"),
        visa_and_medical=Decimal("10000.01"),
    )
    m = mobility(exceptional_costs=costs, inclusion_support_real_costs=Decimal("100000.01"))
    assert problem_fields(m) == [
        "expensive_travel_real_cost",
        "financial_guarantee",
        "visa_and_medical",
        "inclusion_support_real_costs",
    ]


def test_it_keeps_mobilities_in_the_period_a_project_of_the_call_year_can_cover():
    visit = {"activity": "preparatory_visit", "distance_km": None}
    assert quote(mobility(**visit, start=date(2026, 1, 1), end=date(2028, 12, 31)))
    early = mobility(**visit, start=date(2025, 12, 31), end=date(2026, 1, 2))
    late = mobility(**visit, start=date(2028, 12, 30), end=date(2029, 1, 1))
    assert problem_fields(early) == ["start_date"]
    assert problem_fields(late) == ["end_date"]
