"""`manage.py grant_quote` against malformed and hostile input: every one is refused
with exit status 1 and a message naming what is wrong, never a traceback.

The table runs the command as manage.py does (`execute_from_command_line`) in this
process, with the input as raw bytes on standard input: an exception other than the
command's own error would escape here as it would be printed as a traceback there. A
few of the worst inputs also go through a real `manage.py` process.
"""

import copy
import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import execute_from_command_line

from budget.rules.limits import MAX_DISTANCE_KM
from budget.rules.quote_json import MAX_INPUT_BYTES, MAX_MOBILITIES
from tests.budget.test_grant_quote_command import EXAMPLE, ROOT

MOBILITY = EXAMPLE["mobilities"][0]
HUGE = 10**26
LONG = "x" * 1_000_000
LONG_INTEGER = "9" * 5000


def top(**changes) -> bytes:
    """The example request with top-level keys changed (... removes the key)."""
    data = copy.deepcopy(EXAMPLE)
    for key, value in changes.items():
        if value is ...:
            data.pop(key)
        else:
            data[key] = value
    return _encode(data)


def mobility(**changes) -> bytes:
    """The example request with its mobility's keys changed (... removes the key)."""
    data = copy.deepcopy(EXAMPLE)
    for key, value in changes.items():
        if value is ...:
            data["mobilities"][0].pop(key)
        else:
            data["mobilities"][0][key] = value
    return _encode(data)


def _encode(data) -> bytes:
    # surrogatepass: a lone surrogate escaped in JSON is valid JSON, and hostile.
    return json.dumps(data).encode("utf-8", "surrogatepass")


def with_literal(changes_to: bytes, marker: str, literal: str) -> bytes:
    """A request whose value `marker` (a string) is replaced by a raw JSON literal."""
    return changes_to.replace(json.dumps(marker).encode(), literal.encode())


RATES = EXAMPLE["individual_support_rates"]
COURSE = {"activity": "staff_course", "start": "2026-09-01", "end": "2026-09-05"}

CASES = [
    # The input as a whole
    ("empty input", b"", "stdin:"),
    ("only spaces", b"  \n\t ", "stdin:"),
    ("not JSON", b"{not json", "stdin:"),
    ("a top-level array", b"[]", "stdin:"),
    ("a top-level string", b'"quote"', "stdin:"),
    ("a top-level number", b"42", "stdin:"),
    ("a top-level null", b"null", "stdin:"),
    ("100 000 opening brackets", b"[" * 100_000, "stdin:"),
    ("100 000 nested objects", b'{"a":' * 100_000, "stdin:"),
    ("nesting inside a mobility", mobility(ref=[[[[[[[["M1"]]]]]]]]), "stdin:"),
    ("NaN", b'{"call_year": NaN, "mobilities": []}', "stdin:"),
    ("Infinity", b'{"call_year": 2026, "awarded_total": Infinity, "mobilities": []}', "stdin:"),
    ("-Infinity", with_literal(mobility(distance_km="<d>"), "<d>", "-Infinity"), "stdin:"),
    ("a repeated key", b'{"call_year": 2026, "call_year": 2025, "mobilities": []}', "stdin:"),
    (
        "bytes that are not UTF-8",
        b'{"call_year": 2026, "mobilities": [{"ref": "\xff\xfe"}]}',
        "stdin:",
    ),
    ("UTF-16", json.dumps(EXAMPLE).encode("utf-16"), "stdin:"),
    ("more than the size limit", b" " * MAX_INPUT_BYTES + b"{}", "stdin:"),
    # The request's keys
    ("call_year missing", top(call_year=...), "call_year:"),
    ("call_year null", top(call_year=None), "call_year:"),
    ("call_year as a string", top(call_year="2026"), "call_year:"),
    ("call_year with a fraction", top(call_year=2026.5), "call_year:"),
    ("call_year without rates", top(call_year=2030), "call_year:"),
    (
        "call_year of 5 000 digits",
        with_literal(top(call_year="<y>"), "<y>", LONG_INTEGER),
        "call_year:",
    ),
    ("mobilities missing", top(mobilities=...), "mobilities:"),
    ("mobilities as an object", top(mobilities={}), "mobilities:"),
    ("mobilities as a string", top(mobilities="M1"), "mobilities:"),
    ("too many mobilities", top(mobilities=[{}] * (MAX_MOBILITIES + 1)), "mobilities:"),
    ("a mobility that is a number", top(mobilities=[1]), "mobilities[0]:"),
    ("an unknown top-level key", top(colour="blue"), "colour:"),
    ("awarded_total of 10^26 EUR", top(awarded_total=HUGE), "awarded_total:"),
    ("awarded_total of 1e308", top(awarded_total=1e308), "awarded_total:"),
    ("a negative awarded_total", top(awarded_total="-1.00"), "awarded_total:"),
    ("awarded_total as a boolean", top(awarded_total=True), "awarded_total:"),
    ("awarded as a list", top(awarded=[]), "awarded:"),
    ("awarded of 10^26 EUR", top(awarded={"travel": HUGE}), "awarded.travel:"),
    ("spent in an unknown category", top(spent={"sightseeing": 1}), "spent.sightseeing:"),
    ("rates as a list", top(individual_support_rates=[]), "individual_support_rates:"),
    (
        "a rate of 1e30",
        top(individual_support_rates={**RATES, "staff": {"1": 1e30, "2": 160, "3": 140}}),
        "individual_support_rates.staff.1:",
    ),
    (
        "a rate as a boolean",
        top(individual_support_rates={**RATES, "learner": {"1": 120, "2": True, "3": 90}}),
        "individual_support_rates.learner.2:",
    ),
    # A mobility's keys
    ("ref missing", mobility(ref=...), "mobilities[0]: ref:"),
    ("ref as a number", mobility(ref=1), "mobilities[0]: ref:"),
    ("ref of a million characters", mobility(ref=LONG), "mobilities[0]: ref:"),
    ("ref with a NUL character", mobility(ref="M\u00001"), "mobilities[0]: ref:"),
    ("ref with a lone surrogate", mobility(ref="M\ud8001"), "mobilities[0]: ref:"),
    ("an unknown mobility key", mobility(colour="blue"), "M1: colour:"),
    ("activity unknown", mobility(activity="sightseeing"), "M1: activity:"),
    ("activity null", mobility(activity=None), "M1: activity:"),
    ("activity as a list", mobility(activity=["learner_short_term"]), "M1: activity:"),
    ("role unknown", mobility(role="tourist"), "M1: role:"),
    ("start missing", mobility(start=...), "M1: start:"),
    ("start as a number", mobility(start=20260901), "M1: start:"),
    ("start on 30 February", mobility(start="2026-02-30"), "M1: start:"),
    ("start in year 0", mobility(start="0000-01-01"), "M1: start:"),
    ("dates in year 1", mobility(start="0001-01-01", end="0001-01-28"), "M1: start:"),
    ("dates in year 9999", mobility(start="9999-12-04", end="9999-12-31"), "M1: end:"),
    ("end before start", mobility(end="2026-08-01"), "M1: end:"),
    ("travel_days as a string", mobility(travel_days="2"), "M1: travel_days:"),
    ("negative travel_days", mobility(travel_days=-1), "M1: travel_days:"),
    ("travel_days of 10^30", mobility(travel_days=10**30), "M1: travel_days:"),
    (
        "travel_days of 5 000 digits",
        with_literal(mobility(travel_days="<t>"), "<t>", LONG_INTEGER),
        "M1: travel_days:",
    ),
    ("travel_days with a fraction", mobility(travel_days=2.5), "M1: travel_days:"),
    ("green_travel as a string", mobility(green_travel="yes"), "M1: green_travel:"),
    ("a distance of 100 000 km", mobility(distance_km=100_000), "M1: distance_km:"),
    (
        "a distance just beyond the antipode",
        mobility(distance_km=str(MAX_DISTANCE_KM + 1)),
        "M1: distance_km:",
    ),
    ("a distance of 1e308", mobility(distance_km=1e308), "M1: distance_km:"),
    ("a distance of 1e308 as a string", mobility(distance_km="1e308"), "M1: distance_km:"),
    (
        "a distance of 1e999999",
        with_literal(mobility(distance_km="<d>"), "<d>", "1e999999"),
        "M1: distance_km:",
    ),
    ("a negative distance", mobility(distance_km=-1), "M1: distance_km:"),
    ("a distance of NaN as a string", mobility(distance_km="NaN"), "M1: distance_km:"),
    ("a distance with underscores", mobility(distance_km="1_000"), "M1: distance_km:"),
    ("a distance as an object", mobility(distance_km={}), "M1: distance_km:"),
    ("origin as a string", mobility(origin="Cēsis"), "M1: origin:"),
    ("destination missing", mobility(destination=...), "M1: destination:"),
    ("destination null", mobility(destination=None), "M1: destination:"),
    (
        "an unknown country",
        mobility(destination={"city": "Valencia", "country": "XX"}),
        "M1: destination.country:",
    ),
    (
        "a three-letter country",
        mobility(destination={"city": "Valencia", "country": "ESP"}),
        "M1: destination.country:",
    ),
    (
        "a country as a number",
        mobility(destination={"city": "Valencia", "country": 34}),
        "M1: destination.country:",
    ),
    (
        "a city of a million characters",
        mobility(origin={"city": LONG, "country": "LV"}),
        "M1: origin.city:",
    ),
    ("course_days of 10^30", mobility(**COURSE, course_days=10**30), "M1: course_days:"),
    ("course_days as a string", mobility(**COURSE, course_days="3"), "M1: course_days:"),
    ("exceptional_costs as a list", mobility(exceptional_costs=[]), "M1: exceptional_costs:"),
    (
        "a financial guarantee of 10^26 EUR",
        mobility(exceptional_costs={"financial_guarantee": HUGE}),
        "M1: exceptional_costs.financial_guarantee:",
    ),
    (
        "a real travel cost of 1e308",
        mobility(exceptional_costs={"expensive_travel_real_cost": 1e308}),
        "M1: exceptional_costs.expensive_travel_real_cost:",
    ),
    (
        "a negative visa cost",
        mobility(exceptional_costs={"visa_and_medical": "-5"}),
        "M1: exceptional_costs.visa_and_medical:",
    ),
    (
        "inclusion costs of 10^26 EUR",
        mobility(inclusion_support_real_costs=HUGE),
        "M1: inclusion_support_real_costs:",
    ),
    (
        "inclusion costs in tenths of cents",
        mobility(inclusion_support_real_costs="12.345"),
        "M1: inclusion_support_real_costs:",
    ),
    (
        "inclusion costs with binary noise",
        mobility(inclusion_support_real_costs=0.1 + 0.2),
        "M1: inclusion_support_real_costs:",
    ),
    ("host of a million characters", mobility(host=LONG), "M1: host:"),
    ("participant as a number", mobility(participant=7), "M1: participant:"),
    ("visit as a list", mobility(visit=["V1"]), "M1: visit:"),
    ("two mobilities with one ref", top(mobilities=[MOBILITY, MOBILITY]), "M1: ref:"),
]


def quote_as_manage_py(data: bytes, monkeypatch, capsys) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of `manage.py grant_quote -` with `data` on stdin."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    try:
        execute_from_command_line(["manage.py", "grant_quote", "-"])
        status = 0
    except SystemExit as exited:
        status = exited.code
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_table_has_every_kind_of_malformed_input():
    assert len(CASES) >= 52
    assert len({name for name, _data, _prefix in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("data", "prefix"), [case[1:] for case in CASES], ids=[c[0] for c in CASES]
)
def test_it_refuses_malformed_input_naming_the_field(data, prefix, monkeypatch, capsys):
    status, stdout, stderr = quote_as_manage_py(data, monkeypatch, capsys)
    assert (status, stdout) == (1, "")
    assert "Traceback" not in stderr
    assert stderr.startswith(prefix)


def test_it_still_quotes_a_distance_up_to_half_the_circumference(monkeypatch, capsys):
    data = mobility(origin=..., destination={"country": "ES"}, distance_km=str(MAX_DISTANCE_KM))
    status, stdout, _stderr = quote_as_manage_py(data, monkeypatch, capsys)
    assert (status, json.loads(stdout)["mobilities"][0]["band"]) == (0, "8000+")


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000, mobility(distance_km=1e308), top(awarded_total=HUGE), b'{"ref": "\xff"}'],
    ids=["deep nesting", "1e308 km", "10^26 EUR", "not UTF-8"],
)
def test_a_script_sees_exit_status_1_and_no_traceback(data):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "grant_quote", "-"],
        cwd=ROOT,
        env=env,
        input=data,
        capture_output=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (1, b"")
    assert b"Traceback" not in result.stderr
