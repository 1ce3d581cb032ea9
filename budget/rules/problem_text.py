"""The sentence of each problem (errors.py), made in the active language when read.

A problem's code is its rule's; callers and tests read it, so it stays what it was. A
rule that can fail in several ways has one sentence per way, and its problem names the
way in `params["case"]` (the missing field, the place that is excluded, the type that
was expected); any other param is a raw value the sentence shows.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import money_text

Params = Mapping[str, Any]
Sentence = Callable[[Params], str]


def problem_text(code: str, params: Params) -> str:
    """The sentence of a problem, in the active language."""
    return _SENTENCES[code](params)


def _cases(sentences: Mapping[str, Sentence]) -> Sentence:
    """A rule's sentence chosen by the problem's case."""
    return lambda p: sentences[p["case"]](p)


# Dates and durations


def _duration_reduced(p: Params) -> str:
    return ngettext(
        "A short-term mobility of %(days)d day is allowed only for a participant "
        "with fewer opportunities; otherwise it lasts %(min)d-%(max)d days.",
        "A short-term mobility of %(days)d days is allowed only for a participant "
        "with fewer opportunities; otherwise it lasts %(min)d-%(max)d days.",
        p["days"],
    ) % {"days": p["days"], "min": p["min"], "max": p["max"]}


def _justification(p: Params) -> str:
    return ngettext(
        "A short-term mobility shorter than %(min)d day needs a recorded justification.",
        "A short-term mobility shorter than %(min)d days needs a recorded justification.",
        p["min"],
    ) % {"min": p["min"]}


def _activity_duration(p: Params) -> str:
    return _(
        "This activity lasts %(min)d-%(max)d days (start and end included); "
        "these dates give %(days)d."
    ) % {"min": p["min"], "max": p["max"], "days": p["days"]}


def _accompanying_duration(p: Params) -> str:
    return ngettext(
        "An accompanying person stays at most %(max)d day in this activity.",
        "An accompanying person stays at most %(max)d days in this activity.",
        p["max"],
    ) % {"max": p["max"]}


def _travel_days(p: Params) -> str:
    """Negative, or more than the travel (green or standard) funds."""
    if p["days"] < 0:
        return _("Travel days cannot be negative.")
    if p["green"]:
        message = ngettext(
            "At most %(max)d travel day is funded with green travel.",
            "At most %(max)d travel days are funded with green travel.",
            p["max"],
        )
    else:
        message = ngettext(
            "At most %(max)d travel day is funded with standard travel.",
            "At most %(max)d travel days are funded with standard travel.",
            p["max"],
        )
    return message % {"max": p["max"]}


def _period(p: Params) -> str:
    """Before the first day (`first`) or after the last day (`last`) of the call year's
    period."""
    if "first" in p:
        message = _("A mobility of call year %(year)s starts on %(first)s or later.")
        return message % {"year": p["year"], "first": p["first"].isoformat()}
    message = _("A mobility of call year %(year)s ends on %(last)s or earlier.")
    return message % {"year": p["year"], "last": p["last"].isoformat()}


# Places


def _ambiguous_city(p: Params) -> str:
    return _(
        "Several places in %(country)s are called %(city)s: %(candidates)s. "
        "Enter the distance in km instead."
    ) % {
        "country": p["country"],
        "city": p["city"],
        "candidates": "; ".join(place.describe() for place in p["candidates"]),
    }


def _unknown_city(p: Params) -> str:
    values = {"city": p["city"], "country": p["country"]}
    if p["candidates"]:
        message = _(
            "There is no place called %(city)s in %(country)s. Did you mean: %(candidates)s?"
        )
        return message % (values | {"candidates": ", ".join(p["candidates"])})
    return _("There is no place called %(city)s in %(country)s.") % values


# Amounts and rates


def _amount_range(p: Params) -> str:
    """From 0 to `max` EUR."""
    if p["amount"] < 0:
        return _("This amount cannot be negative.")
    return _("This amount cannot exceed %(max)s EUR.") % {"max": money_text(p["max"])}


def _distance_range(p: Params) -> str:
    """From 0 to `max` km."""
    if p["km"] < 0:
        return _("The distance cannot be negative.")
    return _("No two places on Earth are more than %(max)s km apart (half its circumference).") % {
        "max": money_text(p["max"])
    }


def _call_year(p: Params) -> str:
    return _("There are no rates for call year %(year)s (known call years: %(known)s).") % {
        "year": p["year"],
        "known": ", ".join(str(year) for year in p["known"]),
    }


def _rate_range(p: Params) -> str:
    # The rates as given (a whole 180 stays "180"), as the Programme Guide writes them.
    return _(
        "The daily rate %(rate)s EUR is outside the Programme Guide's range for this "
        "group (%(minimum)s-%(maximum)s EUR)."
    ) % {"rate": p["rate"], "minimum": p["minimum"], "maximum": p["maximum"]}


def _course_days_range(p: Params) -> str:
    return ngettext(
        "Give the course days: 1 to %(max)d day is funded.",
        "Give the course days: 1 to %(max)d days are funded.",
        p["max"],
    ) % {"max": p["max"]}


# The JSON request and its file


def _json_syntax(p: Params) -> str:
    return _("This is not valid JSON (line %(line)d, column %(column)d): %(error)s.") % {
        "line": p["line"],
        "column": p["column"],
        "error": p["error"],
    }


def _nesting(p: Params) -> str:
    return _(
        "Arrays and objects nest at most %(max)d levels deep; this one is deeper (line %(line)d)."
    ) % {"max": p["max"], "line": p["line"]}


_SENTENCES: Mapping[str, Sentence] = {
    # Dates and durations
    "end": lambda p: _("The end date cannot be before the start date."),
    "duration_reduced": _duration_reduced,
    "justification": _justification,
    "duration": _cases({"activity": _activity_duration, "accompanying": _accompanying_duration}),
    "travel_days": _travel_days,
    "period": _period,
    # Activity, role and the grant's own claims
    "activity": lambda p: _("Unknown activity."),
    "role": lambda p: _("Unknown role."),
    "accompanying_person": lambda p: _("Accompanying persons go only with learners."),
    "course_days": _cases(
        {
            "not_a_course": lambda p: _("Course days apply only to courses and training."),
            "range": _course_days_range,
            "beyond_mobility": lambda p: _(
                "There cannot be more course days than days of the mobility."
            ),
        }
    ),
    "linguistic_support": _cases(
        {
            "activity": lambda p: _(
                "Linguistic support is for job shadowing, teaching or training assignments, "
                "short-term learner mobility, ErasmusPro and hosted teachers."
            ),
            "participant": lambda p: _(
                "Linguistic support is for participants, not accompanying persons."
            ),
        }
    ),
    "preparatory_visit": lambda p: _("A preparatory visit is funded by its unit cost only."),
    # Places
    "required": _cases(
        {
            "destination_country": lambda p: _("The destination country is required."),
            "origin": lambda p: _(
                "Give the place of origin (city and country) or the distance in km."
            ),
            "destination_city": lambda p: _("Give the destination city or the distance in km."),
            "ref": lambda p: _("Every mobility needs a reference."),
            "key": lambda p: _("This key is required."),
        }
    ),
    "country": lambda p: _("Unknown country code."),
    "not_abroad": lambda p: _(
        "The destination must be abroad, not in the sending organisation's country."
    ),
    "excluded_country": _cases(
        {
            "destination": lambda p: _("Mobilities to this country are not eligible."),
            "origin": lambda p: _("Participants from this country are not eligible."),
        }
    ),
    "third_country": lambda p: _(
        "This activity is not allowed in third countries not associated to the "
        "Programme (allowed there: learners' short-term, ErasmusPro and skills "
        "competitions; staff job shadowing and teaching)."
    ),
    "incoming_destination": _cases(
        {
            "home_country": lambda p: _(
                "Invited experts and hosted teachers come to the beneficiary's country."
            ),
            "programme_country": lambda p: _(
                "Invited experts and hosted teachers come to the beneficiary, in an EU Member "
                "State or a third country associated to the Programme."
            ),
        }
    ),
    "incoming_origin": lambda p: _("An incoming participant comes from another country."),
    "ambiguous_city": _ambiguous_city,
    "unknown_city": _unknown_city,
    # Amounts, rates and the project
    "amount_range": _amount_range,
    "distance_range": _distance_range,
    "call_year": _call_year,
    "rate_range": _rate_range,
    "duplicate_ref": lambda p: _("Another mobility has the same reference."),
    "category": lambda p: _("Unknown budget category %(key)s.") % {"key": p["key"]},
    # The JSON request (quote_json.py)
    "json": _cases(
        {
            "empty": lambda p: _("The input is empty."),
            "syntax": _json_syntax,
            "constant": lambda p: _("%(name)s is not a number.") % {"name": p["name"]},
            "repeated_key": lambda p: (
                _("The key %(key)s appears twice in one object.") % {"key": p["key"]}
            ),
        }
    ),
    "nesting": _nesting,
    "type": _cases(
        {
            "object": lambda p: _("Expected an object."),
            "number": lambda p: _('Expected a number or a string such as "120.50".'),
            "whole_number": lambda p: _("Expected a whole number."),
            "boolean": lambda p: _("Expected true or false."),
            "text": lambda p: _("Expected a non-empty string."),
            "date": lambda p: _("Expected a date written YYYY-MM-DD."),
            "mobilities": lambda p: _("Expected a list of mobilities."),
        }
    ),
    "unknown_key": lambda p: _("Unknown key."),
    "cents": lambda p: _("An amount has at most two decimals (cents)."),
    "range": lambda p: _("This number is out of range."),
    "length": lambda p: _("A string has at most %(max)d characters.") % {"max": p["max"]},
    "character": lambda p: _("This string contains a control character or an invalid character."),
    "too_many": lambda p: (
        _("A request holds at most %(max)d mobilities: split it.") % {"max": p["max"]}
    ),
    # The command's input file (manage.py grant_quote)
    "file": lambda p: _("Cannot read this file: %(error)s.") % {"error": p["error"]},
    "size": lambda p: _("The input is larger than %(max)d MB.") % {"max": p["max"]},
    "encoding": lambda p: (
        _("The input is not UTF-8 (byte %(position)d).") % {"position": p["position"]}
    ),
}
