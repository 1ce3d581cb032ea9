"""Grants computed by hand from the reference (Programme Guide 2026) with the documented
default rates: staff 180/160/140, learners 120/100/90 EUR a day in groups 1/2/3."""

from datetime import date
from decimal import Decimal

from budget.rules import ExceptionalCosts, MobilityInput, Place, quote_project
from tests.budget.quote_helpers import RATES, quote

RIGA = Place("Riga", "LV")


def test_a_learner_from_cesis_four_weeks_in_valencia():
    # 2710.88 km: band 2000-2999, standard travel                        395.00
    # 28 days + 2 travel days = 30; Spain is group 2, learner rate 100:
    #   14 × 100 + 16 × 70 (70% of 100)                     = 1400 + 1120 = 2520.00
    # short-term learner, 1st participant                                350.00
    # total                                                             3265.00
    m = MobilityInput(
        ref="M1",
        activity="learner_short_term",
        start=date(2026, 9, 1),
        end=date(2026, 9, 28),
        travel_days=2,
        origin=Place("Cēsis", "LV"),
        destination=Place("Valencia", "ES"),
    )
    grant = quote(m)
    assert (grant.distance_km, grant.band, grant.funded_days) == (
        Decimal("2710.88"),
        "2000-2999",
        30,
    )
    assert grant.amounts == {
        "travel": 395, "individual_support": 2520, "organisational_support": 350,
        "inclusion_support": 0, "preparatory_visit": 0, "course_fees": 0,
        "linguistic_support": 0, "exceptional_costs": 0,
    }  # fmt: skip
    assert grant.total == Decimal("3265.00")


def test_a_teacher_with_fewer_opportunities_job_shadowing_in_germany():
    # 1154 km typed by hand: band 500-1999, standard travel               309.00
    # 20 days + 2 travel days = 22; Germany is group 1, staff rate 180:
    #   14 × 180 + 8 × 126 (70% of 180)                     = 2520 + 1008 = 3528.00
    # job shadowing, 1st participant                                     350.00
    # fewer opportunities                                                125.00
    # linguistic support                                                 150.00
    # total                                                             4462.00
    m = MobilityInput(
        ref="S1",
        activity="staff_job_shadowing",
        start=date(2026, 10, 5),
        end=date(2026, 10, 24),
        travel_days=2,
        origin=RIGA,
        destination=Place("Berlin", "DE"),
        distance_km=Decimal("1154"),
        fewer_opportunities=True,
        linguistic_support=True,
    )
    grant = quote(m)
    assert grant.funded_days == 22
    assert [line.amount for line in grant.lines] == [309, 3528, 350, 125, 0, 0, 150, 0]
    assert grant.total == Decimal("4462.00")


def test_an_erasmuspro_learner_four_months_in_poland_by_train():
    # 450 km typed by hand: band 100-499, green travel                   285.00
    # 120 days + 6 green travel days = 126; Poland is group 3, learner rate 90:
    #   14 × 90 + 112 × 63 (70% of 90)                      = 1260 + 7056 = 8316.00
    # ErasmusPro                                                         500.00
    # linguistic support 150 + reinforced 150                            300.00
    # visa and medical costs, 100% of 85.50                               85.50
    # total                                                             9486.50
    m = MobilityInput(
        ref="P1",
        activity="learner_erasmuspro",
        start=date(2026, 9, 1),
        end=date(2026, 12, 29),
        travel_days=6,
        green_travel=True,
        origin=RIGA,
        destination=Place("Warsaw", "PL"),
        distance_km=Decimal("450"),
        linguistic_support=True,
        exceptional_costs=ExceptionalCosts(visa_and_medical=Decimal("85.50")),
    )
    grant = quote(m)
    assert grant.funded_days == 126
    assert [line.amount for line in grant.lines] == [285, 8316, 500, 0, 0, 0, 300, Decimal("85.5")]
    assert grant.total == Decimal("9486.50")


def test_a_project_with_a_course_an_accompanying_person_and_a_preparatory_visit():
    # Course in Finland, 5 days + 2 travel days, 350 km typed by hand:
    #   travel 211 + 7 × 180 = 1260 + organisational 100 + 5 × 80 = 400  = 1971.00
    # Accompanying teacher, group mobility in Italy, 10 + 2 travel days, 1950 km:
    #   travel 309 + 12 × 180 = 2160, no organisational support          = 2469.00
    # Preparatory visit to Spain                                           680.00
    # total                                                               5120.00
    course = MobilityInput(
        ref="C1",
        activity="staff_course",
        start=date(2026, 11, 2),
        end=date(2026, 11, 6),
        travel_days=2,
        destination=Place("Helsinki", "FI"),
        distance_km=Decimal("350"),
        course_days=5,
    )
    escort = MobilityInput(
        ref="A1",
        activity="learner_group",
        role="accompanying_person",
        start=date(2026, 10, 12),
        end=date(2026, 10, 21),
        travel_days=2,
        destination=Place("Rome", "IT"),
        distance_km=Decimal("1950"),
    )
    visit = MobilityInput(
        ref="V1",
        activity="preparatory_visit",
        start=date(2026, 7, 1),
        end=date(2026, 7, 2),
        destination=Place("Valencia", "ES"),
    )
    quote = quote_project(2026, [course, escort, visit], rates=RATES)
    assert [grant.total for grant in quote.mobilities] == [1971, 2469, 680]
    assert quote.totals == {
        "travel": 520, "individual_support": 3420, "organisational_support": 100,
        "inclusion_support": 0, "preparatory_visit": 680, "course_fees": 400,
        "linguistic_support": 0, "exceptional_costs": 0, "total": 5120,
    }  # fmt: skip
