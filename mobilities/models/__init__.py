"""Mobilities, the groups that travel together, their preparation and their files."""

from .files import MobilityFile
from .mobility import (
    LEARNER_MOBILITY,
    MONEY_OPTIONAL,
    EuropassStatus,
    Mobility,
    MobilityGroup,
    ParticipantReport,
)
from .preparation import DEFAULT_PREPARATION, MonitoringNote, PreparationItem

__all__ = [
    "DEFAULT_PREPARATION",
    "LEARNER_MOBILITY",
    "EuropassStatus",
    "MONEY_OPTIONAL",
    "Mobility",
    "MobilityFile",
    "MobilityGroup",
    "MonitoringNote",
    "ParticipantReport",
    "PreparationItem",
]
