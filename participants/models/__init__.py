"""People who go abroad or come to the school: learners, staff and external participants.

Fewer-opportunities categories and support needs are sensitive personal data: only
coordinators of the participant's organisation see them.
"""

from .participant import (
    ADULT_AGE,
    FewerOpportunitiesCategory,
    HistoricalParticipant,  # made by simple_history when Participant is defined
    Participant,
    age_on,
)
from .portal import FileRequest, PortalAccount, PortalInvitation, PortalRole, mobility_file_kinds
from .selection import (
    AUDIENCE_KINDS,
    SelectionApplication,
    SelectionCall,
    SelectionCriterion,
    SelectionScore,
    applicant_kinds,
)

__all__ = [
    "ADULT_AGE",
    "AUDIENCE_KINDS",
    "FewerOpportunitiesCategory",
    "FileRequest",
    "HistoricalParticipant",
    "Participant",
    "PortalAccount",
    "PortalInvitation",
    "PortalRole",
    "SelectionApplication",
    "SelectionCall",
    "SelectionCriterion",
    "SelectionScore",
    "age_on",
    "applicant_kinds",
    "mobility_file_kinds",
]
