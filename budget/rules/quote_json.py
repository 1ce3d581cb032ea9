"""The JSON contract of `manage.py grant_quote`: read a quote request, write a quote.

Input and output are documented in the command's help. Reading is strict: an unknown
key, a wrong type, a boolean for a number or an amount with more than two decimals is a
problem, never a guess. Every problem names the mobility's `ref` and the JSON key.

Reading is also bounded, since the input may come from anyone: its size, its nesting,
the number of mobilities, the length of every string and the range of every number
(limits.py), so that no input makes the command crash or run for minutes.
"""

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from core.money import CENT, euros, round_half_up

from .activities import Role
from .categories import BudgetCategory
from .countries import CountryGroup
from .errors import Problem, RuleError
from .explanations import Reason
from .grant import ExceptionalCosts, MobilityGrant, MobilityInput, Place
from .limits import (
    MAX_PROJECT_AMOUNT,
    MAX_REAL_COSTS,
    amount_problem,
    distance_problem,
)
from .notices import Notice
from .project import ProjectQuote, quote_project
from .rates import RATE_TABLES, IndividualSupportRates, RateKind, rate_field, rate_table

# A request of MAX_MOBILITIES mobilities with every key written out is about 4 MB.
MAX_INPUT_BYTES = 10 * 1024 * 1024
# The contract nests four levels (request, mobilities, a mobility, its exceptional costs).
MAX_NESTING = 8
# Far more than the largest KA121-VET projects (a few thousand mobilities); the web's
# benchmark recalculates 2 000.
MAX_MOBILITIES = 5_000
# References, cities, hosts and names: the mobility model keeps cities in 100 characters.
MAX_TEXT_CHARS = 200
# Integers longer than this are kept as Decimal: Python refuses to convert integers of
# more than 4 300 digits, and no whole number of the contract has more than four.
_LONG_INTEGER_DIGITS = 20
# No group of any call year allows a higher daily rate: above it, the number is refused
# before any arithmetic (the table's own ranges are checked by the engine afterwards).
_HIGHEST_DAILY_RATE = max(
    rate_range.maximum
    for table in RATE_TABLES.values()
    for rate_range in table.individual_support_ranges
)

_TOP_KEYS = {"call_year", "individual_support_rates", "awarded_total", "awarded", "spent"}
_PLACE_KEYS = {"city", "country"}
_EXCEPTIONAL_KEYS = ("expensive_travel_real_cost", "financial_guarantee", "visa_and_medical")
_MOBILITY_KEYS = {
    "ref", "activity", "role", "start", "end", "travel_days", "origin", "destination",
    "distance_km", "green_travel", "fewer_opportunities", "linguistic_support",
    "course_days", "visit", "host", "participant", "exceptional_costs",
    "inclusion_support_real_costs",
}  # fmt: skip
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")

# Engine field names (the mobility model's) and the JSON keys they come from.
JSON_FIELDS = {
    "activity_type": "activity",
    "start_date": "start",
    "end_date": "end",
    "origin_city": "origin.city",
    "origin_country": "origin.country",
    "destination_city": "destination.city",
    "destination_country": "destination.country",
    **{name: f"exceptional_costs.{name}" for name in _EXCEPTIONAL_KEYS},
    **{
        rate_field(kind, group): f"individual_support_rates.{kind}.{int(group)}"
        for kind in RateKind
        for group in CountryGroup
    },
}


def quote_json(data: Any, *, explain: bool = False, codes: bool = False) -> dict[str, Any]:
    """The quote of a decoded JSON request, as a JSON-ready dict; RuleError whose
    problems name JSON keys. `explain` adds each line's explanation, `codes` the rule
    codes and figures of the lines' reasons and of the warnings."""
    request = parse_request(data)
    try:
        quote = quote_project(**request)
    except RuleError as error:
        raise RuleError([_json_problem(p) for p in error.problems]) from None
    return render_quote(quote, explain=explain, codes=codes)


def load_json(text: str, *, source: str) -> Any:
    """Decoded JSON; numbers with a fraction become Decimal (no binary noise), and NaN,
    Infinity, repeated keys, empty input and nesting deeper than MAX_NESTING are
    problems."""
    if not text.strip():
        raise RuleError([Problem(source, "json", {"case": "empty"})])
    _check_nesting(text, source)
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_integer,
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as error:
        values = {"case": "syntax", "line": error.lineno, "column": error.colno, "error": error.msg}
        raise RuleError([Problem(source, "json", values)]) from None
    except _Refused as refused:
        raise RuleError([Problem(source, "json", refused.params)]) from None


# A string (with its escapes) or a bracket: brackets inside strings do not nest.
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def _check_nesting(text: str, source: str) -> None:
    """RuleError when arrays and objects nest deeper than MAX_NESTING. Checked before
    decoding, whose recursion would otherwise end in a RecursionError."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, match.start()) + 1
                values = {"max": MAX_NESTING, "line": line}
                raise RuleError([Problem(source, "nesting", values)])
        elif token in "]}":
            depth -= 1


def _integer(text: str) -> int | Decimal:
    return int(text) if len(text) <= _LONG_INTEGER_DIGITS else Decimal(text)


class _Refused(ValueError):
    """What a hook of json.loads refuses: the params of the "json" problem."""

    def __init__(self, **params: Any):
        super().__init__(params)
        self.params = params


def _reject_constant(name: str) -> None:
    raise _Refused(case="constant", name=name)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _value in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise _Refused(case="repeated_key", key=repeated[0])
    return dict(pairs)


def _json_problem(problem: Problem) -> Problem:
    return replace(problem, field=JSON_FIELDS.get(problem.field, problem.field))


# Reading


class _Reader:
    """Reads values of one part of the request, collecting a problem for each bad one."""

    def __init__(self, ref: str | None, problems: list[Problem]):
        self.ref = ref
        self.problems = problems

    def fail(self, key: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(key, code, params, self.ref))

    def add(self, problem: Problem) -> None:
        self.problems.append(replace(problem, ref=self.ref))

    def obj(self, value: Any, key: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
        """The object, after a problem for each unknown key and each required key that
        is absent or null."""
        if not isinstance(value, dict):
            self.fail(key, "type", case="object")
            return {}
        prefix = f"{key}." if key else ""
        for name in sorted(set(value) - allowed):
            self.fail(prefix + name, "unknown_key")
        given = {name for name, item in value.items() if item is not None}
        for name in sorted(required - given):
            self.fail(prefix + name, "required", case="key")
        return value

    def optional(
        self, data: dict[str, Any], key: str, read: Callable[[Any, str], Any], default: Any = None
    ) -> Any:
        """`read` of data[key]; absent keys and null give the default."""
        value = data.get(key)
        return default if value is None else read(value, key)

    def amount(self, value: Any, key: str, maximum: Decimal) -> Decimal | None:
        """An amount in EUR from 0 to `maximum`, in cents."""
        number = self.number(value, key)
        if number is None:
            return None
        problem = amount_problem(key, number, maximum)
        if problem:
            self.add(problem)
            return None
        if number != round_half_up(number, CENT):
            self.fail(key, "cents")
            return None
        return number

    def bounded(self, maximum: Decimal) -> Callable[[Any, str], Decimal | None]:
        return lambda value, key: self.amount(value, key, maximum)

    def distance(self, value: Any, key: str) -> Decimal | None:
        number = self.number(value, key)
        problem = None if number is None else distance_problem(key, number)
        if problem:
            self.add(problem)
            return None
        return number

    def number(self, value: Any, key: str) -> Decimal | None:
        # bool is an int: true must not become 1 EUR. Floats go through str() so that
        # 0.1 is 0.1, not its binary expansion. Strings are plain decimals ("120.50"):
        # no exponents, underscores or "NaN", which Decimal() would accept.
        if isinstance(value, str):
            value = value.strip()
            if len(value) > MAX_TEXT_CHARS or not _DECIMAL.fullmatch(value):
                value = None
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
            self.fail(key, "type", case="number")
            return None
        number = Decimal(str(value))
        if not number.is_finite():
            self.fail(key, "type", case="number")
            return None
        return number

    def whole_number(self, value: Any, key: str) -> int | None:
        if isinstance(value, Decimal) and value.adjusted() >= _LONG_INTEGER_DIGITS:
            self.fail(key, "range")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        self.fail(key, "type", case="whole_number")
        return None

    def flag(self, value: Any, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, "type", case="boolean")
            return False
        return value

    def text(self, value: Any, key: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "type", case="text")
            return None
        if len(value) > MAX_TEXT_CHARS:
            self.fail(key, "length", max=MAX_TEXT_CHARS)
            return None
        # Control characters and lone surrogates (valid JSON escapes) cannot be
        # printed back as UTF-8 and have no place in a name.
        if any(unicodedata.category(char) in ("Cc", "Cs") for char in value):
            self.fail(key, "character")
            return None
        return value.strip()

    def day(self, value: Any, key: str) -> date | None:
        try:
            if isinstance(value, str) and _DATE.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(key, "type", case="date")
        return None

    def place(self, value: Any, key: str) -> Place | None:
        # Whether the city is needed depends on the activity and the distance: the
        # engine says so, with the other rules.
        data = self.obj(value, key, _PLACE_KEYS, {"country"})
        country = self.optional(data, "country", self.prefixed(key, self.text))
        city = self.optional(data, "city", self.prefixed(key, self.text), "")
        if not country:
            return None
        return Place(city=city or "", country=country.upper())

    def call_year(self, value: Any, key: str) -> int | None:
        year = self.whole_number(value, key)
        if year is None:
            return None
        try:
            rate_table(year)
        except RuleError as error:
            self.problems.extend(error.problems)
            return None
        return year

    def rates(self, value: Any, key: str) -> IndividualSupportRates | None:
        """{"staff": {"1": ..., "2": ..., "3": ...}, "learner": {...}}, all six rates."""
        groups = {str(int(group)) for group in CountryGroup}
        data = self.obj(value, key, set(RateKind), set(RateKind))
        rates: dict[str, Decimal | None] = {}
        for kind in RateKind:
            per_group = (
                self.obj(data[kind], f"{key}.{kind}", groups, groups) if kind in data else {}
            )
            for group in CountryGroup:
                if str(int(group)) in per_group:
                    name = f"{key}.{kind}.{int(group)}"
                    rate = per_group[str(int(group))]
                    rates[rate_field(kind, group)] = self.amount(rate, name, _HIGHEST_DAILY_RATE)
        given = {name: rate for name, rate in rates.items() if rate is not None}
        if len(given) != len(fields(IndividualSupportRates)):
            return None
        return IndividualSupportRates(**given)

    def categories(self, value: Any, key: str) -> dict[str, Decimal | None]:
        """The amount of each category; None for one refused (its problem is recorded)."""
        data = self.obj(value, key, set(BudgetCategory), set())
        return {
            name: self.amount(amount, f"{key}.{name}", MAX_PROJECT_AMOUNT)
            for name, amount in data.items()
            if name in set(BudgetCategory)
        }

    def exceptional_costs(self, value: Any, key: str) -> ExceptionalCosts:
        data = self.obj(value, key, set(_EXCEPTIONAL_KEYS), set())
        values = {}
        for name in _EXCEPTIONAL_KEYS:
            read = self.prefixed(key, self.bounded(MAX_REAL_COSTS[name]))
            values[name] = self.optional(data, name, read)
        return ExceptionalCosts(**values)

    def prefixed(self, prefix: str, read: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
        return lambda value, key: read(value, f"{prefix}.{key}")


def parse_request(data: Any) -> dict[str, Any]:
    """The keyword arguments of quote_project for a decoded request; RuleError listing
    every malformed value."""
    problems: list[Problem] = []
    reader = _Reader(None, problems)
    top = reader.obj(data, "", _TOP_KEYS | {"mobilities"}, {"call_year", "mobilities"})
    request = {
        "call_year": reader.optional(top, "call_year", reader.call_year),
        "rates": reader.optional(top, "individual_support_rates", reader.rates),
        "awarded_total": reader.optional(top, "awarded_total", reader.bounded(MAX_PROJECT_AMOUNT)),
        "awarded": reader.optional(top, "awarded", reader.categories),
        "spent": reader.optional(top, "spent", reader.categories),
        "mobilities": _mobilities(top.get("mobilities"), problems),
    }
    if problems:
        raise RuleError(problems)
    return request


def _mobilities(value: Any, problems: list[Problem]) -> list[MobilityInput]:
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem("mobilities", "type", {"case": "mobilities"}))
        return []
    if len(value) > MAX_MOBILITIES:
        problems.append(Problem("mobilities", "too_many", {"max": MAX_MOBILITIES}))
        return []
    return [
        m for index, item in enumerate(value) if (m := _mobility(item, index, problems)) is not None
    ]


def _mobility(item: Any, index: int, problems: list[Problem]) -> MobilityInput | None:
    ref = item.get("ref") if isinstance(item, dict) else None
    # A ref that is itself refused cannot name the mobility's problems.
    label = _Reader(None, []).text(ref, "ref") or f"mobilities[{index}]"
    before = len(problems)
    r = _Reader(label, problems)
    data = r.obj(item, "", _MOBILITY_KEYS, {"ref", "activity", "start", "end", "destination"})
    values = {
        "ref": r.optional(data, "ref", r.text),
        "activity": r.optional(data, "activity", r.text),
        "role": r.optional(data, "role", r.text, Role.PARTICIPANT),
        "start": r.optional(data, "start", r.day),
        "end": r.optional(data, "end", r.day),
        "travel_days": r.optional(data, "travel_days", r.whole_number, 0),
        "origin": r.optional(data, "origin", r.place),
        "destination": r.optional(data, "destination", r.place),
        "distance_km": r.optional(data, "distance_km", r.distance),
        "green_travel": r.optional(data, "green_travel", r.flag, False),
        "fewer_opportunities": r.optional(data, "fewer_opportunities", r.flag, False),
        "linguistic_support": r.optional(data, "linguistic_support", r.flag, False),
        "course_days": r.optional(data, "course_days", r.whole_number),
        "visit": r.optional(data, "visit", r.text),
        "host": r.optional(data, "host", r.text),
        "participant": r.optional(data, "participant", r.text),
        "exceptional_costs": r.optional(
            data, "exceptional_costs", r.exceptional_costs, ExceptionalCosts()
        ),
        "inclusion_support_real_costs": r.optional(
            data,
            "inclusion_support_real_costs",
            r.bounded(MAX_REAL_COSTS["inclusion_support_real_costs"]),
        ),
    }
    if len(problems) > before:
        return None
    return MobilityInput(**values)


# Writing
#
# The quote holds codes and figures; its sentences (warnings, explanations) are made
# here, in the active language, and `codes` adds the codes and figures themselves.


def render_quote(
    quote: ProjectQuote, *, explain: bool = False, codes: bool = False
) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "call_year": quote.call_year,
        "mobilities": [_render_mobility(grant, explain, codes) for grant in quote.mobilities],
        "totals": {key: euros(amount) for key, amount in quote.totals.items()},
        "warnings": list(quote.warnings),
    }
    if codes:
        rendered["notices"] = [_coded(notice) for notice in quote.notices]
    return rendered


def _render_mobility(grant: MobilityGrant, explain: bool, codes: bool) -> dict[str, Any]:
    rendered: dict[str, Any] = {
        "ref": grant.ref,
        "distance_km": None if grant.distance_km is None else f"{grant.distance_km:.2f}",
        "band": grant.band,
        "funded_days": grant.funded_days,
        "lines": {line.category.value: euros(line.amount) for line in grant.lines},
        "total": euros(grant.total),
        "warnings": list(grant.warnings),
    }
    if explain:
        rendered["explanations"] = {line.category.value: line.explanation for line in grant.lines}
    if codes:
        rendered["reasons"] = {
            line.category.value: [_coded(reason) for reason in line.reasons] for line in grant.lines
        }
        rendered["notices"] = [_coded(notice) for notice in grant.notices]
    return rendered


def _coded(coded: Notice | Reason) -> dict[str, Any]:
    return {"code": coded.code, "params": {key: _figure(v) for key, v in coded.params.items()}}


def _figure(value: Any) -> Any:
    """A figure as JSON holds it: a Decimal as its exact digits ("0.80", "10399.9950"),
    a date as YYYY-MM-DD, an enum as its value, a tuple as a list."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_figure(item) for item in value]
    return value
