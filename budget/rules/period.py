"""The grant of a stay that ended early under force majeure.

The participant keeps the grant of the days actually spent abroad: the same mobility
computed to its last day, with the duration rules set aside (a stay cut short by force
majeure is not an ineligible short stay). Travel keeps its band: the trip was made.
"""

from dataclasses import replace
from datetime import date

from .errors import RuleError
from .grant import MobilityGrant, MobilityInput, _distance, _grant
from .rates import IndividualSupportRates, rate_table


def grant_of_days_spent(
    m: MobilityInput,
    *,
    last_day: date,
    call_year: int,
    rates: IndividualSupportRates,
    ordinal_in_activity: int = 1,
) -> MobilityGrant:
    """The grant of `m` had it ended on `last_day`; ValueError when that day is outside
    the stay, RuleError when the places cannot be resolved."""
    if not m.start <= last_day <= m.end:
        raise ValueError("the last day must be within the stay")
    shortened = replace(m, end=last_day, travel_days=min(m.travel_days, _days(m.start, last_day)))
    distance, problems = _distance(shortened, True)
    if problems:
        raise RuleError(problems)
    return _grant(shortened, rate_table(call_year), rates, ordinal_in_activity, distance)


def _days(start: date, end: date) -> int:
    return (end - start).days + 1
