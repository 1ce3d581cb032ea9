"""The KA121-VET rule engine: pure Python over frozen dataclasses and Decimal.

No ORM and no clock: the web, the admin, the importer and the command line pass values in
and read results out.
"""

from .activities import ACTIVITY_SPECS, Activity, ActivitySpec, Audience, Role, spec_for
from .countries import CountryGroup, country_group, is_non_associated_third_country
from .errors import Problem, RuleError

__all__ = [
    "ACTIVITY_SPECS",
    "Activity",
    "ActivitySpec",
    "Audience",
    "CountryGroup",
    "Problem",
    "Role",
    "RuleError",
    "country_group",
    "is_non_associated_third_country",
    "spec_for",
]
