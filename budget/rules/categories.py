"""The eight budget categories of a KA121-VET grant, in the order of the grant agreement.

The one definition of the categories: budget.choices derives the Django choices (the
model fields' and the forms' labels) from this enum and its LABELS.
"""

from collections.abc import Mapping
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop


class BudgetCategory(StrEnum):
    TRAVEL = "travel"
    INDIVIDUAL_SUPPORT = "individual_support"
    ORGANISATIONAL_SUPPORT = "organisational_support"
    INCLUSION_SUPPORT = "inclusion_support"
    PREPARATORY_VISIT = "preparatory_visit"
    COURSE_FEES = "course_fees"
    LINGUISTIC_SUPPORT = "linguistic_support"
    EXCEPTIONAL_COSTS = "exceptional_costs"

    @property
    def label(self) -> str:
        """The category's name in the active language."""
        return _(LABELS[self])


# The names in English, marked for translation and translated when shown.
LABELS: Mapping[BudgetCategory, str] = {
    BudgetCategory.TRAVEL: gettext_noop("Travel"),
    BudgetCategory.INDIVIDUAL_SUPPORT: gettext_noop("Individual support"),
    BudgetCategory.ORGANISATIONAL_SUPPORT: gettext_noop("Organisational support"),
    BudgetCategory.INCLUSION_SUPPORT: gettext_noop("Inclusion support"),
    BudgetCategory.PREPARATORY_VISIT: gettext_noop("Preparatory visits"),
    BudgetCategory.COURSE_FEES: gettext_noop("Course fees"),
    BudgetCategory.LINGUISTIC_SUPPORT: gettext_noop("Linguistic support"),
    BudgetCategory.EXCEPTIONAL_COSTS: gettext_noop("Exceptional costs"),
}
