from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Budget")

    def ready(self) -> None:
        from core import deferral

        from .services import budget_recalculation_deferred

        # An import recalculates each project's budget once, after its last row.
        deferral.register("budget_recalculation", budget_recalculation_deferred)
