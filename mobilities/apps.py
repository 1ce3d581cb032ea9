from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MobilitiesConfig(AppConfig):
    name = "mobilities"
    verbose_name = _("Mobilities")
