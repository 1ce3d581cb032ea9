"""The questionnaires a participant answers in the portal, before departure and after
return. The questions are each project's data, in Latvian and English; the standard set
(with a code: the figures of the Erasmus plan's targets read those) is created the first
time a project's questions are asked for. A participant's answers are theirs: the
coordinator sees only counts and averages, and the free texts without names."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mobilities.models import Mobility
from projects.models import Project

from .languages import CefrLevel

QUESTION_MAX_LENGTH = 300
ANSWER_MAX_LENGTH = 2000
SCALE_MIN, SCALE_MAX = 1, 5


class SurveyStage(models.TextChoices):
    BEFORE = "before", _("Before departure")
    AFTER = "after", _("After return")


class QuestionKind(models.TextChoices):
    LANGUAGE_LEVEL = "language_level", _("Language level (CEFR self-assessment)")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Free text")


class StandardQuestion(models.TextChoices):
    """The standard questions, which the computed figures read."""

    LANGUAGE_LEVEL = "language_level", _("Language level")
    SKILLS = "skills", _("Professional skills")
    EXPECTATIONS = "expectations", _("Expectations")
    SATISFACTION = "satisfaction", _("Satisfaction")
    MOST_USEFUL = "most_useful", _("Most useful")


class SurveyQuestion(models.Model):
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        related_name="survey_questions",
        verbose_name=_("project"),
    )
    stage = models.CharField(_("questionnaire"), max_length=10, choices=SurveyStage.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    kind = models.CharField(_("answer"), max_length=20, choices=QuestionKind.choices)
    text_lv = models.CharField(_("question in Latvian"), max_length=QUESTION_MAX_LENGTH)
    text_en = models.CharField(_("question in English"), max_length=QUESTION_MAX_LENGTH)
    required = models.BooleanField(_("an answer is required"), default=True)
    code = models.CharField(
        _("standard question"),
        max_length=20,
        choices=StandardQuestion.choices,
        blank=True,
        editable=False,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["project", "stage", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "stage", "code"],
                condition=~Q(code=""),
                name="surveyquestion_standard_once_per_stage",
            ),
        ]

    def __str__(self):
        return self.text_en or self.text_lv

    def text(self, language: str) -> str:
        """The question in `language` (the other language's when it has none)."""
        if language == "lv":
            return self.text_lv or self.text_en
        return self.text_en or self.text_lv


class SurveyResponse(models.Model):
    """A participant's answers to one questionnaire of their mobility."""

    mobility = models.ForeignKey(
        Mobility,
        on_delete=models.CASCADE,
        related_name="survey_responses",
        verbose_name=_("mobility"),
    )
    stage = models.CharField(_("questionnaire"), max_length=10, choices=SurveyStage.choices)
    submitted_at = models.DateTimeField(_("sent"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    class Meta:
        verbose_name = _("questionnaire answered")
        verbose_name_plural = _("questionnaires answered")
        constraints = [
            models.UniqueConstraint(
                fields=["mobility", "stage"], name="surveyresponse_once_per_stage"
            ),
        ]

    def __str__(self):
        return f"{self.mobility_id}: {self.stage}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(
        SurveyResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("questionnaire answered"),
    )
    # A question answered is not deleted: its answers would go with it.
    question = models.ForeignKey(
        SurveyQuestion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    level = models.CharField(_("level"), max_length=2, choices=CefrLevel.choices, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)],
    )
    text = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveyanswer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=SCALE_MIN, score__lte=SCALE_MAX),
                name="surveyanswer_score_on_the_scale",
            ),
        ]

    def __str__(self):
        return self.level or (str(self.score) if self.score is not None else self.text[:40])
