from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from budget.signals import grants_stored

        from . import checks  # noqa: F401 - registers the system checks
        from .signals import agreement_terms_changed, grant_share_changed
        from .signing import (
            agreements_follow_changes,
            agreements_follow_share,
            agreements_follow_terms,
        )

        # A grant agreement whose dates or amounts changed must be signed again.
        grants_stored.connect(
            agreements_follow_changes, dispatch_uid="reporting-agreements-follow-changes"
        )
        # So must one that says the old payment schedule or representative.
        agreement_terms_changed.connect(
            agreements_follow_terms, dispatch_uid="reporting-agreements-follow-terms"
        )
        # And one that no longer says what is paid to the participant or given in kind.
        grant_share_changed.connect(
            agreements_follow_share, dispatch_uid="reporting-agreements-follow-share"
        )
