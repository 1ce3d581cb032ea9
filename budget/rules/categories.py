"""The eight budget categories of a KA121-VET grant, in the order of the grant agreement."""

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
        return _(_LABELS[self])


_LABELS = {
    BudgetCategory.TRAVEL: gettext_noop("Travel"),
    BudgetCategory.INDIVIDUAL_SUPPORT: gettext_noop("Individual support"),
    BudgetCategory.ORGANISATIONAL_SUPPORT: gettext_noop("Organisational support"),
    BudgetCategory.INCLUSION_SUPPORT: gettext_noop("Inclusion support"),
    BudgetCategory.PREPARATORY_VISIT: gettext_noop("Preparatory visits"),
    BudgetCategory.COURSE_FEES: gettext_noop("Course fees"),
    BudgetCategory.LINGUISTIC_SUPPORT: gettext_noop("Linguistic support"),
    BudgetCategory.EXCEPTIONAL_COSTS: gettext_noop("Exceptional costs"),
}
