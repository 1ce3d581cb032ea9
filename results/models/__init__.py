"""The results app's models, one module per part: what each unit achieved and the
school's recognition (outcomes); the project's dissemination events and the transfer of
learning of staff mobilities (dissemination)."""

from .dissemination import DisseminationEvent, EventKind, LearningTransfer, Reach
from .outcomes import (
    AssessmentMethod,
    Recognition,
    RecognitionDecision,
    UnitAssessment,
    UnitResult,
)

__all__ = [
    "AssessmentMethod",
    "DisseminationEvent",
    "EventKind",
    "LearningTransfer",
    "Reach",
    "Recognition",
    "RecognitionDecision",
    "UnitAssessment",
    "UnitResult",
]
