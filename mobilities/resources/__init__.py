"""Mobilities in and out of spreadsheets (django-import-export), and the export of a
project's mobilities for the EU's Beneficiary Module.

A row is matched on its mobility ID, <grant agreement number>-MOB-<number:05d>: an ID of
the project updates that mobility, an unknown one creates it with that number. A row
without an ID is matched on participant, activity type, start date and role (a person
does not start two mobilities of one activity on one day), else it creates a mobility
with the project's next number; importing the file again therefore changes nothing.
Rows name participants by e-mail or national ID, hosts and sending partners by OID or
name, groups by name and Erasmus plan goals by number ("1;3"). Every row goes through
the mobility services: the same validation as the form, and the budget engine (run once
per project after the last row).
"""

from .beneficiary_module import BeneficiaryModuleResource
from .mobility import GROUP, MOBILITY_ID, PARTICIPANT, PROJECT, REFERENCE, MobilityResource
from .widgets import (
    GoalsColumn,
    GoalsWidget,
    GroupWidget,
    ParticipantWidget,
    PartnerWidget,
    ProjectWidget,
    money,
)

__all__ = [
    "GROUP",
    "MOBILITY_ID",
    "PARTICIPANT",
    "PROJECT",
    "REFERENCE",
    "BeneficiaryModuleResource",
    "GoalsColumn",
    "GoalsWidget",
    "GroupWidget",
    "MobilityResource",
    "ParticipantWidget",
    "PartnerWidget",
    "ProjectWidget",
    "money",
]
