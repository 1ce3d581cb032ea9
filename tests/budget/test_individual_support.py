from dataclasses import replace
from decimal import Decimal

import pytest
from django.utils import translation

from budget.rules import Place
from tests.budget.quote_helpers import RATES, amounts, incoming, mobility, quote

BERLIN = Place("Berlin", "DE")
WARSAW = Place("Warsaw", "PL")


def support(m, **kwargs) -> Decimal:
    return amounts(m, **kwargs)["individual_support"]


def test_it_funds_the_physical_days_plus_the_travel_days():
    grant = quote(mobility(days=12, travel_days=2))
    assert grant.funded_days == 14
    assert grant.amounts["individual_support"] == 14 * 100


@pytest.mark.parametrize(
    ("funded_days", "expected"),
    [
        (14, 14 * 100),
        (15, 14 * 100 + 70),
        (16, 14 * 100 + 2 * 70),
    ],
)
def test_it_pays_70_percent_from_day_15(funded_days, expected):
    # Learner rate in group 2 (Spain): 100 EUR, from day 15 70 EUR.
    assert support(mobility(days=funded_days)) == expected


def test_it_counts_travel_days_towards_the_switch_on_day_15():
    assert support(mobility(days=13, travel_days=2)) == 14 * 100 + 70


@pytest.mark.parametrize(
    ("rate", "reduced"),
    [
        (95, 67),  # 66.5 rounds half up
        (105, 74),  # 73.5
        (92, 64),  # 64.4 rounds down
        (41, 29),  # 28.7
    ],
)
def test_it_rounds_the_70_percent_rate_half_up_to_whole_euros(rate, reduced):
    rates = replace(RATES, learner_group_2=Decimal(rate))
    assert support(mobility(days=15), rates=rates) == 14 * rate + reduced


def test_it_pays_learners_the_learner_rate_of_the_destination_group():
    assert support(mobility(days=10, destination=BERLIN)) == 10 * 120
    assert support(mobility(days=10)) == 10 * 100
    assert support(mobility(days=10, destination=WARSAW)) == 10 * 90


def test_it_pays_staff_the_staff_rate_of_the_destination_group():
    for destination, rate in ((BERLIN, 180), (Place("Valencia", "ES"), 160), (WARSAW, 140)):
        m = mobility(activity="staff_job_shadowing", days=5, destination=destination)
        assert support(m) == 5 * rate


def test_it_pays_accompanying_persons_the_staff_rate():
    m = mobility(activity="learner_group", role="accompanying_person", days=10)
    assert support(m) == 10 * 160


def test_it_pays_incoming_participants_the_staff_rate_of_the_beneficiary_country():
    # From Germany (group 1) to Latvia (group 2): the group of Latvia.
    m = incoming("invited_expert", days=5, origin=BERLIN)
    assert support(m) == 5 * 160
    assert support(incoming("hosted_teacher", days=20)) == 14 * 160 + 6 * 112


def test_it_funds_an_accompanying_person_for_60_days_at_most_and_says_why():
    # ErasmusPro, 90 days + 2 travel days: the 30 days beyond 60 come from inclusion support.
    m = mobility(activity="learner_erasmuspro", role="accompanying_person", days=90, travel_days=2)
    grant = quote(m)
    assert grant.funded_days == 62
    assert grant.amounts["individual_support"] == 14 * 160 + 48 * 112
    assert len(grant.warnings) == 1


def test_it_pays_no_individual_support_for_a_preparatory_visit():
    grant = quote(mobility(activity="preparatory_visit", days=3, travel_days=2))
    assert (grant.funded_days, grant.amounts["individual_support"]) == (0, 0)


@translation.override("en")
def test_it_explains_the_daily_arithmetic():
    line = quote(mobility(days=28, travel_days=2)).lines[1]
    assert line.category == "individual_support"
    assert "14 days × 100.00 + 16 days × 70.00 = 2,520.00 EUR" in line.explanation


@translation.override("lv")
def test_it_writes_the_amounts_of_an_explanation_as_latvians_do():
    line = quote(mobility(days=28, travel_days=2)).lines[1]
    assert "14 dienas × 100,00 + 16 dienas × 70,00 = 2\xa0520,00 EUR" in line.explanation


def test_the_days_beyond_an_accompanying_persons_60_are_a_notice_with_its_figures():
    m = mobility(activity="learner_erasmuspro", role="accompanying_person", days=90, travel_days=2)
    (notice,) = quote(m).notices
    assert (notice.code, dict(notice.params)) == (
        "accompanying_days_beyond",
        {"days": 90, "excess": 30, "max": 60},
    )
    assert str(notice).startswith("The accompanying person stays 90 days: days beyond 60 (30)")
