"""The stored grant of each mobility, recomputed by budget.services whenever the mobility
(or its participant, or its project's rates) changes, so that lists, totals and reports
read figures instead of recomputing them. One row per mobility, one column per budget
category: a project's totals are one aggregate query."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from budget.choices import BudgetCategory

ZERO = Decimal("0.00")


def _amount(label):
    return models.DecimalField(label, max_digits=10, decimal_places=2, default=ZERO)


class MobilityGrant(models.Model):
    mobility = models.OneToOneField(
        "mobilities.Mobility", on_delete=models.CASCADE, primary_key=True, related_name="grant"
    )
    travel = _amount(BudgetCategory.TRAVEL.label)
    individual_support = _amount(BudgetCategory.INDIVIDUAL_SUPPORT.label)
    organisational_support = _amount(BudgetCategory.ORGANISATIONAL_SUPPORT.label)
    inclusion_support = _amount(BudgetCategory.INCLUSION_SUPPORT.label)
    preparatory_visit = _amount(BudgetCategory.PREPARATORY_VISIT.label)
    course_fees = _amount(BudgetCategory.COURSE_FEES.label)
    linguistic_support = _amount(BudgetCategory.LINGUISTIC_SUPPORT.label)
    exceptional_costs = _amount(BudgetCategory.EXCEPTIONAL_COSTS.label)
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

    def __str__(self):
        return f"{self.mobility_id}: {self.total} EUR"

    @property
    def amounts(self) -> dict[str, Decimal]:
        return {category: getattr(self, category) for category in BudgetCategory.values}

    @property
    def total(self) -> Decimal:
        return sum(self.amounts.values(), ZERO)
