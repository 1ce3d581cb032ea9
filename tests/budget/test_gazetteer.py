from decimal import Decimal

import pytest

from budget.rules import Place, RuleError, great_circle_km, normalise_name, resolve_place
from budget.rules.gazetteer import is_known_country
from tests.budget.quote_helpers import mobility, problems, quote


def resolve_error(city, country):
    with pytest.raises(RuleError) as caught:
        resolve_place(city, country, field="destination_city")
    [problem] = caught.value.problems
    assert problem.field == "destination_city"
    return problem


@pytest.mark.parametrize("name", ["Cēsis", "Cesis", "cēsis", "CESIS", "  cesis "])
def test_it_finds_cesis_ignoring_case_and_diacritics(name):
    place = resolve_place(name, "lv")
    assert (place.name, place.country, place.coordinates) == ("Cēsis", "LV", (57.31188, 25.27456))


def test_it_normalises_names_without_case_diacritics_or_extra_spaces():
    assert normalise_name("  Kohtla-Järve ") == "kohtla-jarve"
    assert normalise_name("Ōsaka  Fu") == "osaka fu"


def test_it_measures_madrid_to_rome_as_the_commission_calculator():
    madrid, rome = resolve_place("Madrid", "ES"), resolve_place("Rome", "IT")
    assert great_circle_km(madrid.coordinates, rome.coordinates) == Decimal("1365.28")


def test_it_measures_cesis_to_valencia():
    cesis, valencia = resolve_place("Cēsis", "LV"), resolve_place("Valencia", "ES")
    assert great_circle_km(cesis.coordinates, valencia.coordinates) == Decimal("2710.88")


def test_it_finds_a_city_by_an_alternate_name():
    assert resolve_place("Roma", "IT").name == "Rome"


def test_it_prefers_a_city_named_so_over_one_also_called_so():
    # Järve is a village; Kohtla-Järve, much larger, has "Järve" as an alternate name.
    assert resolve_place("Jarve", "EE").name == "Järve"


def test_it_takes_a_namesake_with_ten_times_the_population():
    # Two places are called Naujamiestis; one has 28 157 inhabitants, the other 770.
    assert resolve_place("Naujamiestis", "LT").population == 28157


def test_it_lists_the_candidates_of_an_ambiguous_name():
    # Two towns called Kunda, of 2865 and 3996 inhabitants.
    problem = resolve_error("Kunda", "EE")
    assert problem.code == "ambiguous_city"
    assert problem.message.count("Kunda (") == 2


def test_it_lists_at_most_five_candidates_of_an_ambiguous_name():
    problem = resolve_error("Santiago", "ES")
    assert problem.code == "ambiguous_city"
    assert "Santiago de Compostela" in problem.message
    assert problem.message.count("(") == 5


def test_it_suggests_similar_names_for_an_unknown_city():
    problem = resolve_error("Cesiss", "LV")
    assert problem.code == "unknown_city"
    assert "Cēsis" in problem.message


def test_it_suggests_at_most_five_names():
    problem = resolve_error("Valenciaa", "ES")
    assert "Valencia" in problem.message
    assert problem.message.split("?")[0].count(",") <= 4


def test_it_knows_no_city_in_an_unknown_country():
    assert resolve_error("Atlantis", "ZZ").code == "unknown_city"
    assert not is_known_country("ZZ")
    assert is_known_country("XK")


def test_it_names_the_end_of_the_trip_it_cannot_find():
    m = mobility(origin=Place("Nowhereville", "LV"), distance_km=None)
    assert [(p.field, p.code) for p in problems(m)] == [("origin_city", "unknown_city")]


def test_a_distance_typed_by_hand_overrides_the_gazetteer():
    m = mobility(destination=Place("Nowhereville", "ES"))
    assert quote(m).distance_km == Decimal("1000.00")
