"""Language levels: the six of the Common European Framework of Reference (CEFR), the
scale the OLS assessments and the participants' own estimates are on, and the OLS
assessment of a participant's main language before and after the mobility."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mobilities.models import Mobility

from .base import UpdatedRecord


class CefrLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


CEFR_ORDER = {level: rank for rank, level in enumerate(CefrLevel.values)}


def rose(before: str, after: str) -> bool:
    """Whether `after` is a higher level than `before` (both CEFR levels)."""
    return CEFR_ORDER[after] > CEFR_ORDER[before]


class OlsLanguage(models.TextChoices):
    """The languages of the mobilities, as OLS assesses them."""

    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    ITALIAN = "it", _("Italian")
    PORTUGUESE = "pt", _("Portuguese")
    ESTONIAN = "et", _("Estonian")
    LITHUANIAN = "lt", _("Lithuanian")
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    POLISH = "pl", _("Polish")
    CZECH = "cs", _("Czech")
    DUTCH = "nl", _("Dutch")
    OTHER = "other", _("Another language")


class OlsAssessment(UpdatedRecord):
    """The Online Language Support levels of a participant's main language of the
    mobility: the assessment before departure and the one after return."""

    mobility = models.OneToOneField(
        Mobility,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="ols_assessment",
        verbose_name=_("mobility"),
    )
    language = models.CharField(_("language"), max_length=5, choices=OlsLanguage.choices)
    level_before = models.CharField(
        _("level before the mobility"), max_length=2, choices=CefrLevel.choices
    )
    level_after = models.CharField(
        _("level after the mobility"), max_length=2, choices=CefrLevel.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OLS assessment")
        verbose_name_plural = _("OLS assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(level_before__in=CefrLevel.values),
                name="olsassessment_level_before_valid",
            ),
        ]

    def __str__(self):
        return f"{self.mobility_id}: {self.level_before} → {self.level_after or '?'}"

    @property
    def rose(self) -> bool | None:
        """Whether the level rose (None until the assessment after is in)."""
        if not self.level_after:
            return None
        return rose(self.level_before, self.level_after)
