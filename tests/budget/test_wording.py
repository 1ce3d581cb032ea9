"""The engine returns rule codes and figures; the words are made when they are read, in
the reader's language, so one computation reads in English and in Latvian."""

from decimal import Decimal
from unittest import mock

import pytest
from django.utils import translation

from budget.rules import ExceptionalCosts, RuleError, grant
from tests.budget.quote_helpers import mobility, problems, quote


def counted(function):
    """`function` with a mock counting its calls."""
    return mock.patch.object(grant, function.__name__, side_effect=function, autospec=True)


def test_a_problem_holds_its_rule_code_and_figures():
    (problem,) = problems(mobility(days=5))
    assert (problem.field, problem.code, dict(problem.params)) == (
        "end_date",
        "duration_reduced",
        {"days": 5, "min": 10, "max": 89},
    )


def test_a_refused_amount_holds_the_amount_and_its_bound_as_decimals():
    (problem,) = problems(mobility(exceptional_costs=ExceptionalCosts(financial_guarantee=-1)))
    assert (problem.field, problem.code, dict(problem.params)) == (
        "financial_guarantee",
        "amount_range",
        {"amount": Decimal(-1), "max": Decimal(50_000)},
    )


def test_a_rule_that_fails_in_several_ways_names_the_way():
    m = mobility(origin=None, distance_km=None)
    assert [(p.code, dict(p.params)) for p in problems(m)] == [("required", {"case": "origin"})]


def test_problems_found_in_english_read_in_latvian_without_checking_again():
    with counted(grant.validate_mobility) as validate, translation.override("en"):
        (problem,) = problems(mobility(travel_days=3))
    assert validate.call_count == 1
    assert problem.message == "At most 2 travel days are funded with standard travel."
    with translation.override("lv"):
        assert problem.message == (
            "Standarta ceļojuma gadījumā tiek finansētas ne vairāk kā 2 ceļa dienas."
        )
        assert str(problem) == (
            "M1: travel_days: Standarta ceļojuma gadījumā tiek finansētas ne vairāk kā 2 "
            "ceļa dienas."
        )
    assert validate.call_count == 1


def test_a_rule_error_is_worded_when_shown():
    with translation.override("en"), pytest.raises(RuleError) as caught:
        quote(mobility(exceptional_costs=ExceptionalCosts(visa_and_medical=Decimal(20_000))))
    with translation.override("lv"):
        assert (
            str(caught.value)
            == "M1: visa_and_medical: Šī summa nedrīkst pārsniegt 10\xa0000,00 EUR."
        )


def test_a_line_holds_the_reasons_for_its_amount_with_their_figures():
    (reason,) = quote(mobility(days=28, travel_days=2)).lines[1].reasons
    assert (reason.code, dict(reason.params)) == (
        "individual_support",
        {
            "funded": 30,
            "days": 28,
            "travel": 2,
            "group": 2,
            "kind": "learner",
            "full_days": 14,
            "rate": Decimal(100),
            "reduced_days": 16,
            "reduced_rate": Decimal(70),
            "amount": Decimal("2520.00"),
        },
    )


def test_a_quote_computed_in_english_reads_in_latvian_without_computing_again():
    m = mobility(days=28, travel_days=2, fewer_opportunities=True)
    with counted(grant._grant) as computed, translation.override("en"):
        english = quote(m)
    assert computed.call_count == 1
    assert english.lines[0].explanation == "Band 500-1999 km, standard travel: 309.00 EUR"
    with translation.override("lv"):
        assert [line.explanation for line in english.lines[:4]] == [
            "Josla 500-1999 km, standarta ceļojums: 309,00 EUR",
            "30 dienas (28 + ceļa dienas: 2), 2. grupa, likme (audzēknis): 14 dienas × 100,00 "
            "+ 16 dienas × 70,00 = 2\xa0520,00 EUR",
            "350,00 EUR par dalībnieku šajā aktivitātes veidā",
            "Dalībnieks ar ierobežotām iespējām: 125,00 EUR",
        ]
    assert computed.call_count == 1


def test_a_quote_is_the_same_whichever_language_it_is_computed_in():
    m = mobility(linguistic_support=True, exceptional_costs=ExceptionalCosts(Decimal(900)))
    with translation.override("en"):
        english = quote(m)
    with translation.override("lv"):
        latvian = quote(m)
    assert english == latvian
