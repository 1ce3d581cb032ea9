"""The results app's models, one module per part: what each unit achieved and the
school's recognition (outcomes)."""

from .outcomes import (
    AssessmentMethod,
    Recognition,
    RecognitionDecision,
    UnitAssessment,
    UnitResult,
)

__all__ = [
    "AssessmentMethod",
    "Recognition",
    "RecognitionDecision",
    "UnitAssessment",
    "UnitResult",
]
