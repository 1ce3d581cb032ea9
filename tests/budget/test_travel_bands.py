from decimal import Decimal

import pytest

from budget.rules import RuleError, great_circle_km, travel_band
from tests.budget.quote_helpers import amounts, mobility, problem_fields, quote

BAND_EDGES = [
    # km, band, standard EUR, green EUR
    ("9", "0-9", 0, 0),
    ("9.99", "0-9", 0, 0),
    ("10", "10-99", 28, 56),
    ("99", "10-99", 28, 56),
    ("99.99", "10-99", 28, 56),
    ("100", "100-499", 211, 285),
    ("499", "100-499", 211, 285),
    ("500", "500-1999", 309, 417),
    ("1999", "500-1999", 309, 417),
    ("2000", "2000-2999", 395, 535),
    ("2999", "2000-2999", 395, 535),
    ("3000", "3000-3999", 580, 785),
    ("3999", "3000-3999", 580, 785),
    ("4000", "4000-7999", 1188, 1188),
    ("7999", "4000-7999", 1188, 1188),
    ("8000", "8000+", 1735, 1735),
    ("19999", "8000+", 1735, 1735),
]


@pytest.mark.parametrize(("km", "band", "standard", "green"), BAND_EDGES)
def test_it_chooses_the_band_and_standard_unit_cost(km, band, standard, green):
    rate = travel_band(Decimal(km), False, call_year=2026)
    assert (rate.band, rate.amount) == (band, standard)


@pytest.mark.parametrize(("km", "band", "standard", "green"), BAND_EDGES)
def test_it_chooses_the_band_and_green_unit_cost(km, band, standard, green):
    rate = travel_band(Decimal(km), True, call_year=2026)
    assert (rate.band, rate.amount) == (band, green)


def test_it_chooses_the_band_on_the_distance_rounded_to_two_decimals():
    assert travel_band(Decimal("9.994"), False).band == "0-9"
    assert travel_band(Decimal("9.995"), False).band == "10-99"


def test_it_rejects_a_negative_distance():
    with pytest.raises(RuleError) as caught:
        travel_band(Decimal("-1"), False)
    assert [p.field for p in caught.value.problems] == ["distance_km"]


def test_it_refuses_a_distance_beyond_half_the_earths_circumference():
    assert travel_band(Decimal("20037.51"), False).band == "8000+"
    with pytest.raises(RuleError) as caught:
        travel_band(Decimal("20037.52"), False)
    assert [p.code for p in caught.value.problems] == ["distance_range"]


def test_no_two_cities_are_further_apart_than_the_bound():
    antipodes = great_circle_km((90.0, 0.0), (-90.0, 0.0))
    assert antipodes == Decimal("20015.09")
    assert travel_band(antipodes, False).band == "8000+"


def test_a_mobility_with_an_impossible_distance_is_refused():
    assert problem_fields(mobility(distance_km=Decimal(100_000))) == ["distance_km"]


def test_it_measures_madrid_to_rome_as_the_commission_calculator():
    madrid, rome = (40.4165, -3.70256), (41.89193, 12.51133)
    assert great_circle_km(madrid, rome) == Decimal("1365.28")
    assert great_circle_km(rome, madrid) == Decimal("1365.28")


def test_it_pays_no_travel_below_10_km():
    grant = quote(mobility(distance_km=Decimal("9.99")))
    assert (grant.band, grant.amounts["travel"]) == ("0-9", Decimal("0.00"))


def test_it_pays_the_green_unit_cost_for_green_travel():
    assert amounts(mobility(distance_km=Decimal("450"), green_travel=True))["travel"] == 285
    assert amounts(mobility(distance_km=Decimal("450")))["travel"] == 211


def test_it_funds_2_travel_days_with_standard_travel_but_not_3():
    assert quote(mobility(travel_days=2)).funded_days == 30
    assert problem_fields(mobility(travel_days=3)) == ["travel_days"]


def test_it_funds_6_travel_days_with_green_travel_but_not_7():
    assert quote(mobility(travel_days=6, green_travel=True)).funded_days == 34
    assert problem_fields(mobility(travel_days=7, green_travel=True)) == ["travel_days"]


def test_it_rejects_negative_travel_days():
    assert problem_fields(mobility(travel_days=-1)) == ["travel_days"]
