"""Preparing a participant and following them during the stay: a checklist per
mobility (OLS, language, pedagogical, intercultural and practical preparation) and a log
of monitoring and mentoring."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .mobility import Mobility


class PreparationItem(models.Model):
    class Kind(models.TextChoices):
        OLS_INVITATION = "ols_invitation", _("Online Language Support (OLS) invitation")
        LANGUAGE = "language", _("Language preparation")
        PEDAGOGICAL = "pedagogical", _("Pedagogical preparation")
        INTERCULTURAL = "intercultural", _("Intercultural preparation")
        TICKETS = "tickets", _("Tickets")
        ACCOMMODATION = "accommodation", _("Accommodation")
        INSURANCE = "insurance", _("Insurance")
        HEALTH_CARD = "health_card", _("European Health Insurance Card")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        TO_DO = "to_do", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    mobility = models.ForeignKey(
        Mobility, on_delete=models.CASCADE, related_name="preparation_items"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preparation_items",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.TO_DO
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("preparation item")
        verbose_name_plural = _("preparation items")
        ordering = ["mobility_id", "due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mobility", "kind"],
                condition=~models.Q(kind="other"),
                name="preparationitem_kind_once_per_mobility",
                violation_error_message=_("This mobility already has this preparation step."),
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="other") | ~models.Q(title=""),
                name="preparationitem_other_has_title",
                violation_error_message=_("Give the step a title."),
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    @property
    def label(self) -> str:
        return self.title or self.get_kind_display()

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.TO_DO, self.Status.IN_PROGRESS)


# The default checklist: each step and how many days before departure it is due.
DEFAULT_PREPARATION = [
    (PreparationItem.Kind.OLS_INVITATION, 42),
    (PreparationItem.Kind.LANGUAGE, 14),
    (PreparationItem.Kind.PEDAGOGICAL, 14),
    (PreparationItem.Kind.INTERCULTURAL, 14),
    (PreparationItem.Kind.TICKETS, 30),
    (PreparationItem.Kind.ACCOMMODATION, 30),
    (PreparationItem.Kind.INSURANCE, 14),
    (PreparationItem.Kind.HEALTH_CARD, 14),
]


def default_due_date(start, days_before: int):
    return start - timedelta(days=days_before)


class MonitoringNote(models.Model):
    """One contact with the participant, mentor or host during or after the stay."""

    mobility = models.ForeignKey(Mobility, on_delete=models.CASCADE, related_name="monitoring_log")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    written_on = models.DateField(_("date"))
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("monitoring note")
        verbose_name_plural = _("monitoring notes")
        ordering = ["-written_on", "-created_at"]

    def __str__(self):
        return f"{self.written_on}: {self.text[:40]}"
