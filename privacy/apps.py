from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Data protection")

    def ready(self):
        from participants.signals import sensitive_data_shown

        from .readlog import sensitive_data_shown_record

        # The domain apps announce what sensitive data they show; the log is kept here.
        sensitive_data_shown.connect(
            sensitive_data_shown_record, dispatch_uid="privacy-record-sensitive-data-shown"
        )
