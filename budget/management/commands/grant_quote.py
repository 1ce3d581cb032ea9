"""`manage.py grant_quote FILE`: the grant of a set of mobilities, JSON in, JSON out.

A stable contract for scripts: exit status 0 and the quote on standard output, or exit
status 1, one line per problem on standard error ("M1: end: ...") and nothing on
standard output. No database is used.
"""

import json
import sys
from dataclasses import replace
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budget.rules import Problem, RuleError
from budget.rules.limits import MAX_DISTANCE_KM
from budget.rules.quote_json import (
    MAX_INPUT_BYTES,
    MAX_MOBILITIES,
    MAX_NESTING,
    MAX_TEXT_CHARS,
    load_json,
    quote_json,
)

HELP = """Quote the grant of KA121-VET mobilities. FILE is a JSON file, or - for standard input:

{"call_year": 2026,
 "individual_support_rates": {"staff": {"1": 180, "2": 160, "3": 140},
                              "learner": {"1": 120, "2": 100, "3": 90}},
 "awarded_total": "60000.00",
 "awarded": {"course_fees": "5000.00"}, "spent": {"course_fees": "5200.00"},
 "mobilities": [{"ref": "M1", "activity": "learner_short_term", "role": "participant",
   "start": "2026-09-01", "end": "2026-09-28", "travel_days": 2,
   "origin": {"city": "Cesis", "country": "LV"},
   "destination": {"city": "Valencia", "country": "ES"}, "distance_km": null,
   "green_travel": false, "fewer_opportunities": false, "linguistic_support": false,
   "course_days": null, "visit": null, "host": "Host company", "participant": null,
   "exceptional_costs": {"expensive_travel_real_cost": null, "financial_guarantee": null,
                         "visa_and_medical": null},
   "inclusion_support_real_costs": null}]}

Required: call_year, mobilities, and for each mobility ref, activity, start, end and
destination.country. Other keys may be left out or null. Without individual_support_rates
the documented defaults of the call year apply; without awarded_total the checks against
the awarded grant are skipped. Amounts are strings or numbers in EUR with at most two
decimals. The quote lists every mobility's eight budget lines, totals per category and
the project's warnings, amounts as strings with two decimals. --explain adds each line's
explanation; --codes adds what the sentences are made from: each line's "reasons" and
each "notices" entry beside the warnings, as {"code": ..., "params": {...}}, amounts and
shares in params as exact decimal strings.

""" + (
    f"Every value is bounded: distances up to half the Earth's circumference "
    f"({MAX_DISTANCE_KM} km), each real cost and project amount up to its maximum "
    f"(budget/rules/limits.py), dates inside the period a project of the call year can "
    f"cover, strings up to {MAX_TEXT_CHARS} characters, at most {MAX_MOBILITIES} "
    f"mobilities and {MAX_INPUT_BYTES // 2**20} MB of input, nested at most {MAX_NESTING} "
    f"levels deep."
)


class Command(BaseCommand):
    help = HELP
    # A quote is pure computation: no checks, no database, no migrations needed.
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help=_("JSON file with the mobilities, or - for standard input.")
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help=_("Add the explanation of each budget line."),
        )
        parser.add_argument(
            "--codes",
            action="store_true",
            help=_("Add the rule codes and figures of the lines and of the warnings."),
        )

    def handle(self, *args: Any, file: str, explain: bool, codes: bool, **options: Any) -> None:
        source = "stdin" if file == "-" else file
        try:
            text = _read(file, options.get("stdin") or sys.stdin)
            quote = quote_json(load_json(text, source=source), explain=explain, codes=codes)
        except RuleError as error:
            raise self._failure(error.problems, source) from None
        self.stdout.write(json.dumps(quote, indent=2, ensure_ascii=False))

    def _failure(self, problems: list[Problem], source: str) -> CommandError:
        """Each problem on its own line of standard error, then the summary. A problem
        of the request as a whole (e.g. not an object) is named by its source."""
        for problem in problems:
            if not (problem.ref or problem.field):
                problem = replace(problem, field=source)
            self.stderr.write(str(problem))
        count = len(problems)
        message = ngettext(
            "%(count)d problem in the input; nothing was quoted.",
            "%(count)d problems in the input; nothing was quoted.",
            count,
        )
        return CommandError(message % {"count": count})


def _read(file: str, stdin: TextIO) -> str:
    """The text of the file or of standard input, decoded as UTF-8 (with or without a
    byte-order mark); at most MAX_INPUT_BYTES are read."""
    source = "stdin" if file == "-" else file
    data: bytes | str
    if file != "-":
        try:
            with open(file, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
        except OSError as error:
            reason = {"error": str(error.strerror or error)}
            raise RuleError([Problem(file, "file", reason)]) from None
    else:
        # Real standard input is read as UTF-8 bytes whatever the locale says.
        buffer = getattr(stdin, "buffer", None)
        data = buffer.read(MAX_INPUT_BYTES + 1) if buffer else stdin.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise RuleError([Problem(source, "size", {"max": MAX_INPUT_BYTES // 2**20})])
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        values = {"position": error.start + 1}
        raise RuleError([Problem(source, "encoding", values)]) from None
