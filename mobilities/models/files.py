"""Files kept for a mobility (learning agreement, signed grant agreement, proof of
attendance, Europass Mobility, course invoice). They are stored under MEDIA_ROOT and
served only through a view that checks access: never from a public URL. Who uploaded or
deleted which file is kept in their history."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .mobility import Mobility


def mobility_file_path(instance, filename: str) -> str:
    # A random name: the original one is kept in the row, never trusted as a path.
    suffix = PurePath(filename).suffix.lower()
    return f"mobility-files/{instance.mobility_id}/{uuid.uuid4().hex}{suffix}"


class MobilityFile(models.Model):
    class Kind(models.TextChoices):
        LEARNING_AGREEMENT = "learning_agreement", _("Learning agreement")
        GRANT_AGREEMENT = "grant_agreement", _("Grant agreement")
        ATTENDANCE_PROOF = "attendance_proof", _("Proof of attendance")
        EUROPASS_MOBILITY = "europass_mobility", _("Europass Mobility")
        COURSE_INVOICE = "course_invoice", _("Course invoice")
        OTHER = "other", _("Other")

    mobility = models.ForeignKey(Mobility, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=mobility_file_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    # Uploads and deletions appear in the mobility's history; a deleted file's row stays
    # there with its name, kind, size and who deleted it.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mobility file")
        verbose_name_plural = _("mobility files")
        ordering = ["mobility_id", "kind", "-uploaded_at"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.original_name}"
