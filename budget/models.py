"""The stored grant of each mobility, recomputed by budget.services whenever the mobility
(or its participant, or its project's rates) changes, so that lists, totals and reports
read figures instead of recomputing them. One row per mobility, one column per budget
category: a project's totals are one aggregate query."""

from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.choices import BudgetCategory
from budget.rules import BudgetCategory as Category

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise

    Amount: TypeAlias = models.DecimalField[str | float | Decimal | Combinable, Decimal]

ZERO = Decimal("0.00")


def _amount(label: "StrOrPromise") -> "Amount":
    return models.DecimalField(label, max_digits=10, decimal_places=2, default=ZERO)


def _category(category: Category) -> "Amount":
    """The column of a category, named by its translated label."""
    return _amount(BudgetCategory(category).label)


class MobilityGrant(models.Model):
    mobility = models.OneToOneField(
        "mobilities.Mobility", on_delete=models.CASCADE, primary_key=True, related_name="grant"
    )
    travel = _category(Category.TRAVEL)
    individual_support = _category(Category.INDIVIDUAL_SUPPORT)
    organisational_support = _category(Category.ORGANISATIONAL_SUPPORT)
    inclusion_support = _category(Category.INCLUSION_SUPPORT)
    preparatory_visit = _category(Category.PREPARATORY_VISIT)
    course_fees = _category(Category.COURSE_FEES)
    linguistic_support = _category(Category.LINGUISTIC_SUPPORT)
    exceptional_costs = _category(Category.EXCEPTIONAL_COSTS)
    distance_km = models.DecimalField(_("distance (km)"), max_digits=8, decimal_places=2, null=True)
    band = models.CharField(_("distance band"), max_length=20, blank=True)
    funded_days = models.PositiveSmallIntegerField(_("funded days"), null=True)
    # The part that counts towards the cap on non-associated third countries.
    third_country_amount = _amount(_("counted towards the third-country cap"))
    fundable = models.BooleanField(_("fundable as it stands"), default=True)

    class Meta:
        verbose_name = _("mobility grant")
        verbose_name_plural = _("mobility grants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{category}__gte": 0 for category in BudgetCategory.values}),
                name="mobilitygrant_amounts_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mobility_id}: {self.total} EUR"

    @property
    def amounts(self) -> dict[str, Decimal]:
        return {category: getattr(self, category) for category in BudgetCategory.values}

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)
