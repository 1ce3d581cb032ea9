"""What every record of a result keeps about its last change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UpdatedRecord(models.Model):
    """When a record was last changed, and by whom (the history keeps every change)."""

    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        abstract = True
