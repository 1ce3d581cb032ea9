"""What a mobility achieved: each unit of learning outcomes of the learning agreement
assessed (achieved or not, how, by whom, the host mentor's word) and the sending school's
decision recognising it (credits, the part of the programme, when, who decided).

Every row keeps its history."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mobilities.models import Mobility
from reporting.models import LearningOutcomeUnit

from .base import UpdatedRecord

TEXT_MAX_LENGTH = 2000


class UnitResult(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


class AssessmentMethod(models.TextChoices):
    OBSERVATION = "observation", _("Observation at the workplace")
    PRACTICAL_TASK = "practical_task", _("Practical task")
    TEST = "test", _("Test")
    PORTFOLIO = "portfolio", _("Portfolio")
    INTERVIEW = "interview", _("Interview")
    OTHER = "other", _("Other")


class UnitAssessment(UpdatedRecord):
    """How one unit of learning outcomes of the learning agreement was assessed."""

    unit = models.OneToOneField(
        LearningOutcomeUnit,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="assessment_result",
        verbose_name=_("unit of learning outcomes"),
    )
    # The unit's mobility, kept with each history row: an erasure finds every row of the
    # learner's, those of units removed since included.
    mobility = models.ForeignKey(
        Mobility, on_delete=models.CASCADE, related_name="+", editable=False
    )
    result = models.CharField(_("result"), max_length=20, choices=UnitResult.choices)
    method = models.CharField(
        _("assessment method"), max_length=20, choices=AssessmentMethod.choices
    )
    assessed_by = models.CharField(
        _("assessor"),
        max_length=200,
        help_text=_("Name and role: the host mentor, the teacher of the sending school."),
    )
    assessed_on = models.DateField(_("assessed on"))
    mentor_assessment = models.TextField(
        _("host mentor's assessment"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What the mentor at the host wrote or said about the learner's work."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment of a unit")
        verbose_name_plural = _("assessments of units")
        ordering = ["unit"]

    def __str__(self):
        return f"{self.unit}: {self.get_result_display()}"


class RecognitionDecision(models.TextChoices):
    FULL = "full", _("Recognised in full")
    PARTIAL = "partial", _("Recognised in part")
    NONE = "none", _("Not recognised")


class Recognition(UpdatedRecord):
    """The sending school's decision recognising what the learner achieved abroad."""

    mobility = models.OneToOneField(
        Mobility,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="recognition",
        verbose_name=_("mobility"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=RecognitionDecision.choices)
    ecvet_points = models.DecimalField(
        _("ECVET points recognised"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    programme_part = models.CharField(
        _("module or unit of the programme recognised"),
        max_length=300,
        blank=True,
        help_text=_("As the school's programme names it, for example: module 4, Web design."),
    )
    decided_on = models.DateField(_("decided on"))
    decided_by = models.CharField(
        _("decision made by"), max_length=200, help_text=_("Name and position.")
    )
    note = models.TextField(_("note"), max_length=TEXT_MAX_LENGTH, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recognition decision")
        verbose_name_plural = _("recognition decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ecvet_points__isnull=True) | Q(ecvet_points__gte=0),
                name="recognition_ecvet_points_not_negative",
                violation_error_message=_("ECVET points cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.mobility_id}: {self.get_decision_display()}"
