"""What the read-only "rates and rules" page shows of one call year's rate table."""

from typing import Any

from budget.choices import ActivityType
from budget.rules import ACTIVITY_SPECS, CountryGroup, RateKind
from budget.rules.countries import COUNTRY_GROUPS, EXCLUDED_COUNTRIES, PROGRAMME_COUNTRIES
from budget.rules.rates import DEFAULT_INDIVIDUAL_SUPPORT_RATES, RateTable
from budget.rules.transfers import rule_text


def rates_context(table: RateTable) -> dict[str, Any]:
    labels = dict(ActivityType.choices)
    defaults = DEFAULT_INDIVIDUAL_SUPPORT_RATES.get(table.call_year)
    return {
        "table": table,
        "activities": [
            {
                "label": labels[spec.activity],
                "spec": spec,
                "organisational_support": table.organisational_support[spec.activity],
                "reduced": spec.activity in table.organisational_support_reduced_activities,
                "linguistic": spec.activity in table.linguistic_support_activities,
            }
            for spec in ACTIVITY_SPECS.values()
        ],
        "ranges": [
            {
                "kind": rate_range.kind,
                "group": int(rate_range.group),
                "minimum": rate_range.minimum,
                "maximum": rate_range.maximum,
                "default": defaults.rate(rate_range.kind, rate_range.group) if defaults else None,
            }
            for rate_range in table.individual_support_ranges
        ],
        "groups": [
            {
                "group": int(group),
                "programme": sorted(
                    c for c, g in COUNTRY_GROUPS.items() if g == group and c in PROGRAMME_COUNTRIES
                ),
                "third": sorted(
                    c
                    for c, g in COUNTRY_GROUPS.items()
                    if g == group and c not in PROGRAMME_COUNTRIES
                ),
            }
            for group in CountryGroup
        ],
        "excluded": sorted(EXCLUDED_COUNTRIES),
        "reduced_from": table.organisational_support_reduced_from,
        "staff_kind": RateKind.STAFF,
        "max_travel_days_standard": table.max_travel_days_standard,
        "max_travel_days_green": table.max_travel_days_green,
        "transfer_rules": [
            {
                "code": rule.code,
                "text": rule_text(rule, general=True),
                "from_project": rule.from_project,
            }
            for rule in table.transfer_rules
        ],
    }
