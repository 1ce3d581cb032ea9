"""The largest values the engine believes: a bound on every number a mobility brings.

The rate table bounds what the Programme Guide bounds (course days, daily rates); the
activities bound durations. What neither bounds (real costs, distances, the project's
amounts) is bounded here, far above anything real, so that a typing error or a hostile
input is refused with a problem instead of being paid or crashing the arithmetic
(Decimal's 28 digits overflow at 10^26 EUR with cents).
"""

from datetime import date
from decimal import Decimal
from types import MappingProxyType

from .errors import Problem

# Half the equator (40 075.017 km), rounded up to the cent: no two places on Earth are
# further apart along its surface, on the engine's sphere (6371 km: at most 20 015.09 km)
# as on the ellipsoid of a GPS or the Commission's distance calculator.
MAX_DISTANCE_KM = Decimal("20037.51")

# Real costs claimed for one participant, in EUR.
MAX_REAL_COSTS = MappingProxyType(
    {
        # A return trip to the far side of the Earth costs a few thousand euros; the
        # top band's unit cost is 1 735 EUR.
        "expensive_travel_real_cost": Decimal(20_000),
        # The cost of a bank guarantee the national agency asks for: a fee of a few per
        # cent of the pre-financing of a grant of at most a few million euros.
        "financial_guarantee": Decimal(50_000),
        # Visas, residence permits, vaccinations, medical certificates: a few hundred
        # euros, a few thousand for a long stay far away.
        "visa_and_medical": Decimal(10_000),
        # A personal assistant for a year-long ErasmusPro stay, with their travel and
        # stay, is the dearest real case (tens of thousands of euros).
        "inclusion_support_real_costs": Decimal(100_000),
    }
)

# A project's awarded or spent amount, in total or per category, in EUR: the largest
# KA121-VET grants are a few million euros.
MAX_PROJECT_AMOUNT = Decimal(100_000_000)

# A KA121 project starts in its call year and lasts at most 24 months, so each of its
# mobilities lies between 1 January of the call year and 31 December two years later.
PROJECT_YEARS_AFTER_CALL = 2


def amount_problem(field: str, amount: Decimal, maximum: Decimal) -> Problem | None:
    """The problem of an amount in EUR outside 0 to `maximum`, or None."""
    if 0 <= amount <= maximum:
        return None
    return Problem(field, "amount_range", {"amount": amount, "max": maximum})


def distance_problem(field: str, km: Decimal) -> Problem | None:
    """The problem of a one-way distance outside 0 to half the Earth's circumference, or
    None."""
    if 0 <= km <= MAX_DISTANCE_KM:
        return None
    return Problem(field, "distance_range", {"km": km, "max": MAX_DISTANCE_KM})


def mobility_period(call_year: int) -> tuple[date, date]:
    """The first and last day a mobility of a project of this call year may have."""
    return date(call_year, 1, 1), date(call_year + PROJECT_YEARS_AFTER_CALL, 12, 31)


def check_period(start: date, end: date, call_year: int) -> list[Problem]:
    """Both dates inside the period a project of the call year can cover."""
    first, last = mobility_period(call_year)
    problems = []
    if start < first:
        problems.append(Problem("start_date", "period", {"year": call_year, "first": first}))
    if end > last:
        problems.append(Problem("end_date", "period", {"year": call_year, "last": last}))
    return problems
