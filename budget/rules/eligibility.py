"""Eligibility of one mobility: duration, travel days and destination.

Each check returns the problems it finds (empty when the rule holds) so that a form can
show all of them at once. Field names are those of the mobility model.
"""

from datetime import date

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
        return [Problem("end_date", "end")]
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
            reduced = {"days": days, "min": spec.min_days, "max": spec.max_days}
            return [Problem("end_date", "duration_reduced", reduced)]
        if not justification.strip():
            justified = {"min": spec.min_days}
            return [Problem("short_duration_justification", "justification", justified)]
        return []
    if not spec.min_days <= days <= spec.max_days:
        values = {"case": "activity", "min": spec.min_days, "max": spec.max_days, "days": days}
        return [Problem("end_date", "duration", values)]
    return []


def check_travel_days(travel_days: int, green_travel: bool, table: RateTable) -> list[Problem]:
    """The travel days individual support funds: at most the table's, for the travel."""
    allowed = table.max_travel_days(green_travel)
    if travel_days < 0 or travel_days > allowed:
        values = {"days": travel_days, "max": allowed, "green": green_travel}
        return [Problem("travel_days", "travel_days", values)]
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
                Problem("destination_country", "incoming_destination", {"case": "home_country"})
            )
        if origin and origin == home:
            problems.append(Problem("origin_country", "incoming_origin"))
        if origin and is_excluded_country(origin):
            problems.append(Problem("origin_country", "excluded_country", {"case": "origin"}))
        return problems
    if destination == home:
        return [Problem("destination_country", "not_abroad")]
    if is_excluded_country(destination):
        return [Problem("destination_country", "excluded_country", {"case": "destination"})]
    if is_programme_country(destination):
        return []
    if is_non_associated_third_country(destination):
        # Accompanying persons share their learners' activity, so the same rule applies.
        if spec.third_country_allowed:
            return []
        return [Problem("destination_country", "third_country")]
    return [Problem("destination_country", "country")]
