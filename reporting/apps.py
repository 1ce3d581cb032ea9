from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from budget.signals import grants_stored

        from . import checks  # noqa: F401 - registers the system checks
        from .signing import agreements_follow_changes

        # A grant agreement whose dates or amounts changed must be signed again.
        grants_stored.connect(
            agreements_follow_changes, dispatch_uid="reporting-agreements-follow-changes"
        )
