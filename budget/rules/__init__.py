"""The KA121-VET rule engine: pure Python over frozen dataclasses and Decimal.

No ORM and no clock: the web, the admin, the importer and the command line pass values in
and read results out.
"""

from core.money import round_half_up

from .activities import ACTIVITY_SPECS, Activity, ActivitySpec, Audience, Role, spec_for
from .categories import BudgetCategory
from .countries import CountryGroup, country_group, is_non_associated_third_country
from .distance import TravelRate, great_circle_km, travel_band
from .errors import Problem, RuleError
from .gazetteer import ResolvedPlace, normalise_name, resolve_place
from .grant import (
    ExceptionalCosts,
    Line,
    MobilityGrant,
    MobilityInput,
    Place,
    assess_mobility,
    quote_mobility,
    validate_mobility,
)
from .notices import Notice, notice_text
from .project import (
    AwardOverrun,
    ProjectQuote,
    activity_ordinals,
    award_overruns,
    overrun_warnings,
    planned_amounts,
    project_notices,
    quote_project,
)
from .rates import (
    DEFAULT_INDIVIDUAL_SUPPORT_RATES,
    LATEST_CALL_YEAR,
    RATE_TABLES,
    IndividualSupportRates,
    RateKind,
    RateRange,
    RateTable,
    TravelBand,
    rate_table,
    validate_rates,
)

__all__ = [
    "ACTIVITY_SPECS",
    "DEFAULT_INDIVIDUAL_SUPPORT_RATES",
    "LATEST_CALL_YEAR",
    "RATE_TABLES",
    "Activity",
    "ActivitySpec",
    "Audience",
    "AwardOverrun",
    "BudgetCategory",
    "CountryGroup",
    "ExceptionalCosts",
    "IndividualSupportRates",
    "Line",
    "MobilityGrant",
    "MobilityInput",
    "Notice",
    "Place",
    "Problem",
    "ProjectQuote",
    "RateKind",
    "RateRange",
    "RateTable",
    "ResolvedPlace",
    "Role",
    "RuleError",
    "TravelBand",
    "TravelRate",
    "activity_ordinals",
    "award_overruns",
    "assess_mobility",
    "country_group",
    "great_circle_km",
    "is_non_associated_third_country",
    "normalise_name",
    "notice_text",
    "overrun_warnings",
    "planned_amounts",
    "project_notices",
    "quote_mobility",
    "quote_project",
    "rate_table",
    "resolve_place",
    "round_half_up",
    "spec_for",
    "travel_band",
    "validate_mobility",
    "validate_rates",
]
