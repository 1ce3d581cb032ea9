"""The results app's models, one module per part: what each unit achieved and the
school's recognition (outcomes), language levels and the OLS assessments (languages), the
questionnaires before and after (surveys), the project's dissemination events and the
transfer of learning of staff mobilities (dissemination)."""

from .dissemination import DisseminationEvent, EventKind, LearningTransfer, Reach
from .languages import CefrLevel, OlsAssessment, OlsLanguage
from .outcomes import (
    AssessmentMethod,
    Recognition,
    RecognitionDecision,
    UnitAssessment,
    UnitResult,
)
from .surveys import (
    QuestionKind,
    StandardQuestion,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyStage,
)

__all__ = [
    "AssessmentMethod",
    "CefrLevel",
    "OlsAssessment",
    "OlsLanguage",
    "QuestionKind",
    "StandardQuestion",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyStage",
    "DisseminationEvent",
    "EventKind",
    "LearningTransfer",
    "Reach",
    "Recognition",
    "RecognitionDecision",
    "UnitAssessment",
    "UnitResult",
]
