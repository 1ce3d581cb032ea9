"""Destination countries: programme membership and the country group of the rates.

Codes are ISO 3166-1 alpha-2 (GR for Greece, GB for the United Kingdom, XK for Kosovo).
The groups of the member states and associated countries are those of the Programme
Guide 2026. Third countries not associated to the Programme are grouped by their
Programme Guide region: regions 5, 13 and 14 (e.g. CH, GB, US) with group 1, regions 1-3
(Western Balkans, Neighbourhood East, South Mediterranean; e.g. UA) with group 2 and the
remaining regions 6-12 with group 3. Region 4 (Russia) and Belarus are not eligible.
"""

from enum import IntEnum

_EU_MEMBER_STATES = (
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
)
EU_MEMBER_STATES = frozenset(_EU_MEMBER_STATES.split())
ASSOCIATED_THIRD_COUNTRIES = frozenset({"IS", "LI", "NO", "MK", "RS", "TR"})
PROGRAMME_COUNTRIES = EU_MEMBER_STATES | ASSOCIATED_THIRD_COUNTRIES
EXCLUDED_COUNTRIES = frozenset({"BY", "RU"})


class CountryGroup(IntEnum):
    ONE = 1
    TWO = 2
    THREE = 3


_PROGRAMME_GROUPS = {
    CountryGroup.ONE: "AT BE DK FI FR DE IS IE IT LI LU NL NO SE",
    CountryGroup.TWO: "CY CZ EE GR LV MT PT SK SI ES",
    CountryGroup.THREE: "BG HR HU LT PL RO RS MK TR",
}
_THIRD_COUNTRY_GROUP_ONE = (
    # Region 5
    "AD MC SM VA "
    # Region 13
    "AU BN CA HK JP KR MO NZ SG TW US "
    # Region 14
    "FO CH GB"
)
_THIRD_COUNTRY_GROUP_TWO = (
    # Region 1: Western Balkans
    "AL BA XK ME "
    # Region 2: Neighbourhood East
    "AM AZ GE MD UA "
    # Region 3: South Mediterranean
    "DZ EG IL JO LB LY MA PS SY TN"
)

COUNTRY_GROUPS: dict[str, CountryGroup] = {
    code: group for group, codes in _PROGRAMME_GROUPS.items() for code in codes.split()
}
COUNTRY_GROUPS.update(dict.fromkeys(_THIRD_COUNTRY_GROUP_ONE.split(), CountryGroup.ONE))
COUNTRY_GROUPS.update(dict.fromkeys(_THIRD_COUNTRY_GROUP_TWO.split(), CountryGroup.TWO))


def normalise_country(code: str) -> str:
    return (code or "").strip().upper()


def is_programme_country(code: str) -> bool:
    return normalise_country(code) in PROGRAMME_COUNTRIES


def is_excluded_country(code: str) -> bool:
    return normalise_country(code) in EXCLUDED_COUNTRIES


def is_non_associated_third_country(code: str) -> bool:
    code = normalise_country(code)
    return len(code) == 2 and code not in PROGRAMME_COUNTRIES and code not in EXCLUDED_COUNTRIES


def country_group(code: str) -> CountryGroup:
    """The individual-support group of a destination; regions 6-12 fall into group 3.

    Raises ValueError for an excluded country or a code that is not two letters.
    """
    code = normalise_country(code)
    if len(code) != 2 or not code.isalpha() or code in EXCLUDED_COUNTRIES:
        raise ValueError(code)
    return COUNTRY_GROUPS.get(code, CountryGroup.THREE)
