import copy
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]

EXAMPLE = {
    "call_year": 2026,
    "individual_support_rates": {
        "staff": {"1": 180, "2": 160, "3": 140},
        "learner": {"1": 120, "2": 100, "3": 90},
    },
    "awarded_total": "60000.00",
    "mobilities": [
        {
            "ref": "M1",
            "activity": "learner_short_term",
            "role": "participant",
            "start": "2026-09-01",
            "end": "2026-09-28",
            "travel_days": 2,
            "origin": {"city": "Cēsis", "country": "LV"},
            "destination": {"city": "Valencia", "country": "ES"},
            "distance_km": None,
            "green_travel": False,
            "fewer_opportunities": False,
            "linguistic_support": False,
            "course_days": None,
            "visit": None,
            "host": "Host company name",
            "exceptional_costs": {
                "expensive_travel_real_cost": None,
                "financial_guarantee": None,
                "visa_and_medical": None,
            },
            "inclusion_support_real_costs": None,
        }
    ],
}

LINES = {
    "travel": "395.00",
    "individual_support": "2520.00",
    "organisational_support": "350.00",
    "inclusion_support": "0.00",
    "preparatory_visit": "0.00",
    "course_fees": "0.00",
    "linguistic_support": "0.00",
    "exceptional_costs": "0.00",
}

EXPECTED = {
    "call_year": 2026,
    "mobilities": [
        {
            "ref": "M1",
            "distance_km": "2710.88",
            "band": "2000-2999",
            "funded_days": 30,
            "lines": LINES,
            "total": "3265.00",
            "warnings": [],
        }
    ],
    "totals": {**LINES, "total": "3265.00"},
    "warnings": [],
}


def request(**changes):
    """The example request, with top-level keys or the mobility's keys changed (a value
    of ... removes the key)."""
    data = copy.deepcopy(EXAMPLE)
    mobility = data["mobilities"][0]
    for key, value in changes.items():
        target = data if key in data and key != "mobilities" else mobility
        if value is ...:
            target.pop(key)
        else:
            target[key] = value
    return data


def run(data, *args) -> tuple[str, str]:
    """call_command with the request on standard input: (stdout, stderr)."""
    stdin = StringIO(data if isinstance(data, str) else json.dumps(data))
    stdout, stderr = StringIO(), StringIO()
    call_command("grant_quote", "-", *args, stdin=stdin, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def failure(data) -> list[str]:
    """The problem lines on standard error when the command refuses the request (the
    summary line is the CommandError's, printed by manage.py)."""
    stdout, stderr = StringIO(), StringIO()
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(CommandError):
        call_command("grant_quote", "-", stdin=StringIO(text), stdout=stdout, stderr=stderr)
    assert stdout.getvalue() == ""
    return stderr.getvalue().splitlines()


def manage(*args, stdin: str = "") -> subprocess.CompletedProcess:
    # A database that cannot exist: the command must never open one.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.test",
        "DATABASE_URL": "sqlite:////nonexistent-directory/db.sqlite3",
    }
    return subprocess.run(
        [sys.executable, "manage.py", "grant_quote", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


# In process


def test_it_quotes_the_example_from_a_file(tmp_path):
    path = tmp_path / "quote.json"
    path.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    stdout = StringIO()
    call_command("grant_quote", str(path), stdout=stdout)
    assert json.loads(stdout.getvalue()) == EXPECTED


def test_it_quotes_standard_input():
    stdout, stderr = run(EXAMPLE)
    assert (json.loads(stdout), stderr) == (EXPECTED, "")


def test_it_explains_each_line_on_request():
    stdout, _stderr = run(EXAMPLE, "--explain")
    explanations = json.loads(stdout)["mobilities"][0]["explanations"]
    assert list(explanations) == list(LINES)


def test_it_adds_the_rule_codes_and_figures_on_request():
    quote = json.loads(run({**EXAMPLE, "awarded": {"travel": "300.00"}}, "--codes")[0])
    reasons = quote["mobilities"][0]["reasons"]
    assert list(reasons) == list(LINES)
    assert reasons["travel"] == [
        {"code": "travel_band", "params": {"band": "2000-2999", "amount": "395.00", "green": False}}
    ]
    assert reasons["course_fees"] == []
    assert quote["notices"][0] == {
        "code": "award_overrun",
        "params": {"planned": "395.00", "awarded": "300.00", "category": "travel"},
    }
    assert quote["warnings"][0].startswith("Travel: 395.00 EUR planned")


def test_its_codes_are_the_same_in_every_language_and_its_sentences_are_the_readers():
    data = {**EXAMPLE, "awarded": {"travel": "300.00"}}
    english = json.loads(run(data, "--codes", "--explain")[0])
    with translation.override("lv"):
        latvian = json.loads(run(data, "--codes", "--explain")[0])
    assert (latvian["notices"], latvian["mobilities"][0]["reasons"]) == (
        english["notices"],
        english["mobilities"][0]["reasons"],
    )
    assert latvian["warnings"][0].startswith("Ceļa izdevumi: plānoti 395,00 EUR")
    assert latvian["mobilities"][0]["explanations"]["travel"] == (
        "Josla 2000-2999 km, standarta ceļojums: 395,00 EUR"
    )


def test_it_applies_the_defaults_of_absent_optional_keys():
    data = request(
        individual_support_rates=..., awarded_total=..., role=..., distance_km=...,
        green_travel=..., fewer_opportunities=..., linguistic_support=..., course_days=...,
        visit=..., host=..., exceptional_costs=..., inclusion_support_real_costs=...,
    )  # fmt: skip
    assert json.loads(run(data)[0]) == EXPECTED


def test_it_takes_amounts_as_numbers_or_strings():
    data = request(
        awarded_total=60000,
        exceptional_costs={"financial_guarantee": 100.5, "visa_and_medical": "20"},
        inclusion_support_real_costs="12.34",
    )
    lines = json.loads(run(data)[0])["mobilities"][0]["lines"]
    assert (lines["exceptional_costs"], lines["inclusion_support"]) == ("100.40", "12.34")


def test_it_quotes_a_distance_typed_by_hand_without_cities():
    data = request(origin=..., destination={"country": "ES"}, distance_km="85")
    mobility = json.loads(run(data)[0])["mobilities"][0]
    assert (mobility["distance_km"], mobility["band"]) == ("85.00", "10-99")


def test_it_shows_no_distance_for_a_preparatory_visit_without_places():
    data = request(activity="preparatory_visit", origin=..., destination={"country": "ES"})
    mobility = json.loads(run(data)[0])["mobilities"][0]
    assert (mobility["distance_km"], mobility["band"], mobility["total"]) == (None, None, "680.00")


def test_it_reports_each_broken_rule_naming_the_mobility_and_the_key():
    minsk = {"city": "Minsk", "country": "BY"}
    lines = failure(request(end="2026-09-05", travel_days=3, destination=minsk))
    assert [line.split(":")[:2] for line in lines] == [
        ["M1", " end"],
        ["M1", " destination.country"],
        ["M1", " travel_days"],
    ]


@pytest.mark.parametrize(
    ("changes", "prefix"),
    [
        ({"start": "2026-13-01"}, "M1: start:"),
        ({"start": "1 September 2026"}, "M1: start:"),
        ({"travel_days": True}, "M1: travel_days:"),
        ({"travel_days": "2"}, "M1: travel_days:"),
        ({"green_travel": "yes"}, "M1: green_travel:"),
        ({"distance_km": "far"}, "M1: distance_km:"),
        ({"distance_km": "-5"}, "M1: distance_km:"),
        ({"activity": "sightseeing"}, "M1: activity:"),
        ({"role": "tourist"}, "M1: role:"),
        ({"colour": "blue"}, "M1: colour:"),
        ({"destination": {"city": "Valencia"}}, "M1: destination.country:"),
        ({"destination": {"city": "Valenciaa", "country": "ES"}}, "M1: destination.city:"),
        ({"origin": ...}, "M1: origin.city:"),
        ({"activity": ...}, "M1: activity:"),
        ({"ref": ...}, "mobilities[0]: ref:"),
        ({"exceptional_costs": {"financial_guarantee": "-1"}}, "M1: exceptional_costs."),
        ({"inclusion_support_real_costs": True}, "M1: inclusion_support_real_costs:"),
        ({"course_days": 3}, "M1: course_days:"),
        ({"awarded_total": True}, "awarded_total:"),
        ({"awarded_total": "1.001"}, "awarded_total:"),
        ({"call_year": "2026"}, "call_year:"),
        ({"call_year": 2030}, "call_year:"),
        ({"individual_support_rates": {"staff": {"1": 500, "2": 160, "3": 140},
                                       "learner": {"1": 120, "2": 100, "3": 90}}},
         "individual_support_rates.staff.1:"),
        ({"individual_support_rates": {"staff": {"1": 180, "2": 160, "3": 140},
                                       "learner": {"1": 120, "2": 100}}},
         "individual_support_rates.learner.3:"),
    ],
)  # fmt: skip
def test_it_rejects_bad_values_naming_the_key(changes, prefix):
    [line] = failure(request(**changes))
    assert line.startswith(prefix)


def test_it_rejects_floats_with_binary_noise():
    lines = failure('{"call_year": 2026, "awarded_total": 0.30000000000000004, "mobilities": []}')
    assert lines[0].startswith("awarded_total:")


def test_it_rejects_repeated_refs():
    data = request()
    data["mobilities"].append(copy.deepcopy(data["mobilities"][0]))
    assert failure(data)[0].startswith("M1: ref:")


@pytest.mark.parametrize(
    "text",
    ['{"call_year": 2026, "mobilities": [}', '{"call_year": NaN, "mobilities": []}',
     '{"call_year": 2026, "call_year": 2025, "mobilities": []}'],
)  # fmt: skip
def test_it_rejects_malformed_json(text):
    [line] = failure(text)
    assert line.startswith("stdin: ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("[]", ["stdin: Expected an object."]), ('{"call_year": 2026, "mobilities": [1]}',
                                       ["mobilities[0]: Expected an object."])],
)  # fmt: skip
@translation.override("en")
def test_it_rejects_json_of_the_wrong_shape(text, expected):
    assert failure(text)[: len(expected)] == expected


def test_it_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("grant_quote", str(tmp_path / "missing.json"), stderr=StringIO())


# In a separate process: exit status and streams as a script sees them


def test_it_exits_0_with_the_quote_on_standard_output(tmp_path):
    path = tmp_path / "quote.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    result = manage(str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == EXPECTED


def test_it_reads_standard_input_given_as_a_dash():
    data = request(origin=..., destination={"country": "ES"}, distance_km="2710.88")
    result = manage("-", stdin=json.dumps(data))
    assert result.returncode == 0
    assert json.loads(result.stdout) == EXPECTED


@pytest.mark.parametrize(
    ("args", "stdin", "prefix"),
    [
        (["-"], "{not json", "stdin:"),
        (["-"], json.dumps(request(start=...)), "M1: start:"),
        (["-"], json.dumps(request(travel_days=-1, distance_km="x")), "M1: distance_km:"),
        (["-"], json.dumps(request(end="2026-09-05")), "M1: end:"),
        (["/nonexistent-directory/quote.json"], "", "/nonexistent-directory/quote.json:"),
    ],
)
def test_it_exits_1_with_the_problems_on_standard_error_only(args, stdin, prefix):
    result = manage(*args, stdin=stdin)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith(prefix)
    assert "Traceback" not in result.stderr
