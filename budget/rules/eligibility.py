"""Eligibility of one mobility: duration, travel days and destination.

Each check returns the problems it finds (empty when the rule holds) so that a form can
show all of them at once. Field names are those of the mobility model.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .activities import spec_for
from .countries import (
    is_excluded_country,
    is_non_associated_third_country,
    is_programme_country,
    normalise_country,
)
from .errors import Problem
from .rates import RateTable


def duration_days(start: date, end: date) -> int:
    """Physical days of a mobility, start and end both counted."""
    return (end - start).days + 1


def check_dates(start: date | None, end: date | None) -> list[Problem]:
    if start and end and end < start:
        return [Problem("end_date", _("The end date cannot be before the start date."), "end")]
    return []


def check_duration(
    activity: str,
    start: date,
    end: date,
    *,
    fewer_opportunities: bool = False,
    justification: str = "",
) -> list[Problem]:
    """The activity's duration range; 2-9 day short-term mobility needs fewer opportunities
    and a recorded justification."""
    if end < start:
        return check_dates(start, end)
    spec = spec_for(activity)
    days = duration_days(start, end)
    if spec.min_days is None or spec.max_days is None:
        return []
    if spec.reduced_min_days is not None and spec.reduced_min_days <= days < spec.min_days:
        if not fewer_opportunities:
            return [
                Problem(
                    "end_date",
                    ngettext(
                        "A short-term mobility of %(days)d day is allowed only for a participant "
                        "with fewer opportunities; otherwise it lasts %(min)d-%(max)d days.",
                        "A short-term mobility of %(days)d days is allowed only for a participant "
                        "with fewer opportunities; otherwise it lasts %(min)d-%(max)d days.",
                        days,
                    )
                    % {"days": days, "min": spec.min_days, "max": spec.max_days},
                    "duration_reduced",
                )
            ]
        if not justification.strip():
            return [
                Problem(
                    "short_duration_justification",
                    ngettext(
                        "A short-term mobility shorter than %(min)d day needs a recorded "
                        "justification.",
                        "A short-term mobility shorter than %(min)d days needs a recorded "
                        "justification.",
                        spec.min_days,
                    )
                    % {"min": spec.min_days},
                    "justification",
                )
            ]
        return []
    if not spec.min_days <= days <= spec.max_days:
        return [
            Problem(
                "end_date",
                _(
                    "This activity lasts %(min)d-%(max)d days (start and end included); "
                    "these dates give %(days)d."
                )
                % {"min": spec.min_days, "max": spec.max_days, "days": days},
                "duration",
            )
        ]
    return []


def check_travel_days(travel_days: int, green_travel: bool, table: RateTable) -> list[Problem]:
    """The travel days individual support funds: at most the table's, for the travel."""
    allowed = table.max_travel_days(green_travel)
    if travel_days < 0:
        return [Problem("travel_days", _("Travel days cannot be negative."), "travel_days")]
    if travel_days > allowed:
        if green_travel:
            message = ngettext(
                "At most %(max)d travel day is funded with green travel.",
                "At most %(max)d travel days are funded with green travel.",
                allowed,
            )
        else:
            message = ngettext(
                "At most %(max)d travel day is funded with standard travel.",
                "At most %(max)d travel days are funded with standard travel.",
                allowed,
            )
        return [Problem("travel_days", message % {"max": allowed}, "travel_days")]
    return []


def check_destination(
    activity: str,
    *,
    destination_country: str,
    origin_country: str,
    home_country: str,
) -> list[Problem]:
    """Outgoing activities go abroad to an eligible country; incoming ones come to the
    beneficiary's country from abroad."""
    spec = spec_for(activity)
    destination = normalise_country(destination_country)
    origin = normalise_country(origin_country)
    home = normalise_country(home_country)
    if spec.incoming:
        problems = []
        if destination != home:
            problems.append(
                Problem(
                    "destination_country",
                    _("Invited experts and hosted teachers come to the beneficiary's country."),
                    "incoming_destination",
                )
            )
        if origin and origin == home:
            problems.append(
                Problem(
                    "origin_country",
                    _("An incoming participant comes from another country."),
                    "incoming_origin",
                )
            )
        if origin and is_excluded_country(origin):
            problems.append(
                Problem(
                    "origin_country",
                    _("Participants from this country are not eligible."),
                    "excluded_country",
                )
            )
        return problems
    if destination == home:
        return [
            Problem(
                "destination_country",
                _("The destination must be abroad, not in the sending organisation's country."),
                "not_abroad",
            )
        ]
    if is_excluded_country(destination):
        return [
            Problem(
                "destination_country",
                _("Mobilities to this country are not eligible."),
                "excluded_country",
            )
        ]
    if is_programme_country(destination):
        return []
    if is_non_associated_third_country(destination):
        # Accompanying persons share their learners' activity, so the same rule applies.
        if spec.third_country_allowed:
            return []
        return [
            Problem(
                "destination_country",
                _(
                    "This activity is not allowed in third countries not associated to the "
                    "Programme (allowed there: learners' short-term, ErasmusPro and skills "
                    "competitions; staff job shadowing and teaching)."
                ),
                "third_country",
            )
        ]
    return [Problem("destination_country", _("Unknown country code."), "country")]
