"""What a mobility achieved, read for its pages and documents."""

from dataclasses import dataclass

from reporting.models import LearningOutcomeUnit

from .models import Recognition, UnitAssessment


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
