"""What a mobility achieved, read for its pages and documents."""

from dataclasses import dataclass

from core import access
from reporting.models import LearningOutcomeUnit

from .models import OlsAssessment, Recognition, SurveyQuestion, UnitAssessment


@dataclass(frozen=True)
class UnitRow:
    unit: LearningOutcomeUnit
    assessment: UnitAssessment | None


def unit_rows(mobility) -> list[UnitRow]:
    """The learning agreement's units in order, each with its assessment (or None)."""
    units = LearningOutcomeUnit.objects.filter(details__mobility=mobility).select_related(
        "assessment_result"
    )
    return [UnitRow(unit, getattr(unit, "assessment_result", None)) for unit in units]


def recognition_of(mobility) -> Recognition | None:
    return Recognition.objects.filter(mobility=mobility).first()


def survey_question_get(user, pk: int):
    """A survey question of a project of the user's organisation (404 otherwise)."""
    queryset = SurveyQuestion.objects.select_related("project__organisation")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


def ols_of(mobility) -> OlsAssessment | None:
    return OlsAssessment.objects.filter(mobility=mobility).first()
