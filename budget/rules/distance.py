"""Distances and travel bands.

The distance is the European Commission's: one-way great-circle distance (haversine on a
sphere of radius 6371 km), rounded half up to two decimals. The band is chosen on that
rounded value, so 99.99 km is still in "10-99".
"""

from dataclasses import dataclass
from decimal import Decimal
from math import asin, cos, radians, sin, sqrt

from core.money import CENT, round_half_up

from .errors import RuleError
from .limits import distance_problem
from .rates import LATEST_CALL_YEAR, rate_table

EARTH_RADIUS_KM = 6371

Coordinates = tuple[float, float]


@dataclass(frozen=True)
class TravelRate:
    """The travel unit cost of one participant: the band and its amount."""

    band: str
    amount: Decimal
    green_travel: bool


def great_circle_km(a: Coordinates, b: Coordinates) -> Decimal:
    """One-way distance in km between two (latitude, longitude) points, two decimals."""
    lat_a, lon_a = map(radians, a)
    lat_b, lon_b = map(radians, b)
    h = sin((lat_b - lat_a) / 2) ** 2 + cos(lat_a) * cos(lat_b) * sin((lon_b - lon_a) / 2) ** 2
    # Trigonometry needs floats; the result becomes a Decimal through its shortest repr
    # so that rounding sees the float's intended value, not its binary expansion.
    return round_half_up(Decimal(repr(2 * EARTH_RADIUS_KM * asin(sqrt(h)))), CENT)


def travel_band(km: Decimal, green: bool, *, call_year: int = LATEST_CALL_YEAR) -> TravelRate:
    """The band and unit cost for a one-way distance; below 10 km the band is "0-9", 0 EUR.
    RuleError for a distance below 0 or beyond half the Earth's circumference."""
    problem = distance_problem("distance_km", Decimal(km))
    if problem:
        raise RuleError([problem])
    km = round_half_up(Decimal(km), CENT)
    band = rate_table(call_year).band_for(km)
    return TravelRate(band.label, band.amount(green), green)
