"""What a cell may hold: pure functions, no database."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from core.transfer.values import (
    BooleanWidget,
    ChoiceListWidget,
    ChoiceWidget,
    CountryWidget,
    DateWidget,
    DecimalWidget,
    IntegerWidget,
    is_formula,
    neutralise,
    normalise,
    unescape,
)
from participants.models import Participant


@pytest.mark.parametrize(
    "typed", ["ES", "es", "ESP", "Spain", "spain", "Spānija", "SPANIJA", " spānija "]
)
def test_a_country_is_read_from_its_code_or_its_english_or_latvian_name(typed):
    assert CountryWidget().clean(typed) == "ES"


def test_latvian_names_with_diacritics_are_matched_without_them():
    assert CountryWidget().clean("Vācija") == "DE"
    assert CountryWidget().clean("vacija") == "DE"
    assert CountryWidget().clean("Latvija") == "LV"


def test_an_unknown_country_is_explained():
    with pytest.raises(ValueError, match="Unknown country “Atlantis”"):
        CountryWidget().clean("Atlantis")


@pytest.mark.parametrize(
    "typed",
    ["2026-09-01", "01.09.2026", "1.9.2026", "01.09.2026.", date(2026, 9, 1), datetime(2026, 9, 1)],
)
def test_a_date_is_read_in_iso_or_latvian_form_or_from_a_date_cell(typed):
    assert DateWidget().clean(typed) == date(2026, 9, 1)


@pytest.mark.parametrize("typed", ["09/01/2026", "1 September 2026", "2026-13-01", "31.02.2026"])
def test_other_dates_are_refused_with_the_forms_that_work(typed):
    with pytest.raises(ValueError, match="2026-09-01|no such day"):
        DateWidget().clean(typed)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("120.50", "120.50"),
        ("120,50", "120.50"),
        ("1 234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        (120.5, "120.5"),
        (7, "7"),
    ],
)
def test_decimals_accept_a_decimal_comma(typed, number):
    assert DecimalWidget().clean(typed) == Decimal(number)


def test_a_whole_number_may_come_as_a_float_from_a_workbook():
    assert IntegerWidget().clean(4.0) == 4
    assert IntegerWidget().clean("4,0") == 4
    with pytest.raises(ValueError):
        IntegerWidget().clean("4.5")


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("jā", True),
        ("Yes", True),
        ("1", True),
        ("x", True),
        ("nē", False),
        ("no", False),
        ("", False),
        (None, False),
        (True, True),
    ],
)
def test_yes_and_no_in_english_or_latvian(typed, value):
    assert BooleanWidget().clean(typed) is value


def test_a_choice_is_read_from_its_code_or_its_english_or_latvian_label():
    kind = ChoiceWidget(Participant.Kind)
    assert kind.clean("learner") == "learner"
    assert kind.clean("VET learner") == "learner"
    assert kind.clean("PIA audzēknis") == "learner"
    with pytest.raises(ValueError, match="write one of"):
        kind.clean("student")


def test_several_choices_are_separated_by_semicolons():
    from participants.models import FewerOpportunitiesCategory

    widget = ChoiceListWidget(FewerOpportunitiesCategory)
    assert widget.clean("economic; Health problems") == ["economic", "health"]
    assert widget.render(["economic", "health"]) == "Economic barriers; Health problems"


@pytest.mark.parametrize(
    "cell", ["=SUM(A1:A2)", "+cmd|' /C calc'!A0", "-2+3+cmd", "@SUM(1)", "\tx", "\rx"]
)
def test_cells_a_spreadsheet_would_run_are_formulas(cell):
    assert is_formula(cell)


@pytest.mark.parametrize("cell", ["+371 20000000", "-5", "Anna", "a=b", "", 5, None])
def test_numbers_phone_numbers_and_text_are_not_formulas(cell):
    assert not is_formula(cell)


def test_an_exported_formula_gets_an_apostrophe_that_the_import_removes():
    assert neutralise("=HYPERLINK(x)") == "'=HYPERLINK(x)"
    assert unescape(neutralise("=HYPERLINK(x)")) == "=HYPERLINK(x)"
    assert neutralise("+371 20000000") == "+371 20000000"
    assert unescape("'quoted'") == "'quoted'"


def test_headers_compare_without_case_diacritics_or_spacing():
    assert normalise("  Dzimšanas   DATUMS ") == normalise("dzimsanas datums")
