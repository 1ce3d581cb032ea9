"""The Beneficiary Module's mobility import file: its columns as the Module names them,
its codes, and where each value comes from in the portal.

MODULE_COLUMNS is the one table of the layout: the export writes it, the read-back
(comparison.py) reads a file with it. The Commission publishes the Module's data
dictionary and templates ("Data dictionary and Mobility Import-Export templates" on
wikis.ec.europa.eu), which were not at hand when this was written. A column is
`confirmed` only where the Commission's public pages give both its name and the form of
its values; the others are our best knowledge of the template, to be corrected from a
coordinator's feedback (a file exported from the Module says it all) here, in one place.
"""

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from budget.choices import ActivityType, BudgetCategory
from budget.models import MobilityGrant
from budget.rules import spec_for
from budget.rules.eligibility import duration_days

from ..models import ParticipantReport

if TYPE_CHECKING:
    from ..models import Mobility


class ModuleColumn(NamedTuple):
    header: str  # as the Module's file names the column
    value: "Callable[[Mobility], object]"  # the portal's value, in the Module's code
    confirmed: bool  # the name and the form of the values are publicly documented
    note: str


class ModuleCode(NamedTuple):
    code: str
    confirmed: bool


# "Activity Types in KA121 projects" (EC wiki) lists eight codes for KA121-VET. Group
# mobility of VET learners (new in the 2025 Guide) is not among them, and the Module
# records preparatory visits in a section of their own, not as mobility activities.
ACTIVITY_TYPE_CODES: Mapping[str, ModuleCode] = {
    ActivityType.LEARNER_SKILLS_COMPETITION: ModuleCode("LM-SKILL-VET", True),
    ActivityType.LEARNER_GROUP: ModuleCode("LM-GRP-VET", False),
    ActivityType.LEARNER_SHORT_TERM: ModuleCode("LM-SHORT-VET", True),
    ActivityType.LEARNER_ERASMUSPRO: ModuleCode("LM-LONG-VET", True),
    ActivityType.STAFF_JOB_SHADOWING: ModuleCode("SM-JOB-SHDW", True),
    ActivityType.STAFF_TEACHING: ModuleCode("SM-TTA", True),
    ActivityType.STAFF_COURSE: ModuleCode("SM-COUR-TRAIN", True),
    ActivityType.INVITED_EXPERT: ModuleCode("OA-INV-EXP", True),
    ActivityType.HOSTED_TEACHER: ModuleCode("OA-HOS-TTT", True),
    ActivityType.PREPARATORY_VISIT: ModuleCode("PREP-VISIT", False),
}

# What a row of the mobility itself says in "Data type"; the Module's files also hold
# sub-rows of other types (itineraries, certifications) under a mobility.
MOBILITY_DATA_TYPE = "Mobility"
SUB_ROW_DATA_TYPES = ("Itinerary", "Certification")

YES, NO = "Yes", "No"
GENDERS = {"female": "Female", "male": "Male"}
REPORT_STATUSES = {
    ParticipantReport.NOT_YET: "Not sent",
    ParticipantReport.REQUESTED: "Sent",
    ParticipantReport.SUBMITTED: "Submitted",
}
# The portal's bands (budget/rules/rates.py) as Mobility Tool+ wrote them; below 10 km
# there is no band (and no travel grant).
DISTANCE_BANDS = {
    "10-99": "Between 10 and 99 KM",
    "100-499": "Between 100 and 499 KM",
    "500-1999": "Between 500 and 1999 KM",
    "2000-2999": "Between 2000 and 2999 KM",
    "3000-3999": "Between 3000 and 3999 KM",
    "4000-7999": "Between 4000 and 7999 KM",
    "8000+": "8000 KM or more",
}
AMOUNT_HEADERS: Mapping[str, str] = {
    BudgetCategory.TRAVEL: "Travel (EUR)",
    BudgetCategory.INDIVIDUAL_SUPPORT: "Individual support (EUR)",
    BudgetCategory.ORGANISATIONAL_SUPPORT: "Organisational support (EUR)",
    BudgetCategory.INCLUSION_SUPPORT: "Inclusion support (EUR)",
    BudgetCategory.PREPARATORY_VISIT: "Preparatory visits (EUR)",
    BudgetCategory.COURSE_FEES: "Course fees (EUR)",
    BudgetCategory.LINGUISTIC_SUPPORT: "Linguistic support (EUR)",
    BudgetCategory.EXCEPTIONAL_COSTS: "Exceptional costs (EUR)",
}
MOBILITY_ID = "Mobility activity ID"
GRANT_AGREEMENT = "Grant Agreement No."
DATA_TYPE = "Data type"
TOTAL = "Total grant (EUR)"


def _yes_no(flag: bool) -> str:
    return YES if flag else NO


def _grant(mobility: "Mobility") -> MobilityGrant:
    try:
        return mobility.grant
    except MobilityGrant.DoesNotExist:  # not computed yet: nothing granted
        return MobilityGrant()


def _incoming(mobility: "Mobility") -> bool:
    return spec_for(mobility.activity_type).incoming


def _sender_oid(mobility: "Mobility") -> str:
    """Invited experts and hosted teachers are sent by a partner to the school."""
    sender = mobility.sending_partner if _incoming(mobility) else mobility.project.organisation
    return getattr(sender, "oid", "") or ""


def _receiver_oid(mobility: "Mobility") -> str:
    receiver = mobility.project.organisation if _incoming(mobility) else mobility.host
    return getattr(receiver, "oid", "") or ""


def _amount(category: str) -> "Callable[[Mobility], Decimal]":
    return lambda mobility: _grant(mobility).amounts[category]


_ISO_CODE = (
    "The ISO 3166 alpha-2 code; whether the Module wants the code or the name is not documented."
)
_UNNAMED = "The Module asks for it; its header in the file is not publicly documented."
_UNCONFIRMED_AMOUNT = (
    "The Module computes each category itself from the unit costs; the header of each "
    "amount column in its file is not publicly documented."
)
AMOUNT_NOTES: Mapping[str, str] = dict.fromkeys(AMOUNT_HEADERS, _UNCONFIRMED_AMOUNT) | {
    BudgetCategory.INCLUSION_SUPPORT: _UNCONFIRMED_AMOUNT
    + " The portal's inclusion support is the organisation's unit cost and the "
    "participant's real costs together; the Module may keep them apart.",
    BudgetCategory.PREPARATORY_VISIT: _UNCONFIRMED_AMOUNT
    + " The Module records preparatory visits in their own section.",
}

# The Module's columns in the order of its file. `value` gives text, numbers and dates
# (written as date cells in XLSX, ISO 8601 in CSV).
MODULE_COLUMNS: tuple[ModuleColumn, ...] = (
    ModuleColumn(
        DATA_TYPE,
        lambda m: MOBILITY_DATA_TYPE,
        False,
        "Mandatory on import (EC wiki, import-export of mobility activities); the value "
        "that marks a mobility row (as opposed to its itinerary and certification sub-rows) "
        "is not publicly documented: 'Mobility' is a guess.",
    ),
    ModuleColumn(
        GRANT_AGREEMENT,
        lambda m: m.project.grant_agreement_number,
        True,
        "Mandatory on import; the project's number, 2026-1-LV01-KA121-VET-000123456.",
    ),
    ModuleColumn(
        MOBILITY_ID,
        lambda m: m.reference,
        False,
        "Mandatory on import and unique in the project. The Module numbers its own "
        "<last digits of the project number>-MOB-<n> (005041-MOB-00001) and lets them be "
        "changed; the portal writes its full reference, whose length the Module may limit. "
        "The read-back matches both forms.",
    ),
    ModuleColumn(
        "Activity type",
        lambda m: ACTIVITY_TYPE_CODES[m.activity_type].code,
        True,
        "Codes of the EC wiki's 'Activity Types in KA121 projects' (KA121-VET); the codes "
        "of group mobility and preparatory visits are not, see ACTIVITY_TYPE_CODES.",
    ),
    ModuleColumn(
        "Accompanying person",
        lambda m: _yes_no(m.is_accompanying_person),
        False,
        "A flag of the Module's mobility screen; its header and Yes/No in the file are not "
        "publicly documented.",
    ),
    ModuleColumn("Participant first name", lambda m: m.participant.first_name, False, _UNNAMED),
    ModuleColumn("Participant last name", lambda m: m.participant.last_name, False, _UNNAMED),
    ModuleColumn(
        "Participant's date of birth",
        lambda m: m.participant.date_of_birth,
        False,
        "The screen's label. A date cell in XLSX, ISO 8601 in CSV; the Module's own format is "
        "not documented (Mobility Tool+ wanted DD-MM-YYYY), and the read-back takes either.",
    ),
    ModuleColumn(
        "Participant's gender",
        lambda m: GENDERS.get(m.participant.gender, ""),
        False,
        "Female/Male; the portal records gender for Latvian grammar only, and the Module's "
        "other values are not known.",
    ),
    ModuleColumn(
        "Participant's nationality",
        lambda m: str(m.participant.nationality or ""),
        False,
        _ISO_CODE,
    ),
    ModuleColumn("Participant's email", lambda m: m.participant.email, False, _UNNAMED),
    ModuleColumn(
        "Participant with fewer opportunities",
        lambda m: _yes_no(m.participant.fewer_opportunities),
        False,
        "The screen's flag; only the flag, never the categories (the Module asks for no "
        "special categories of personal data).",
    ),
    ModuleColumn("Sending Organisation OID", _sender_oid, False, "By analogy with the receiving."),
    ModuleColumn("Sending country", lambda m: str(m.origin_country), False, _ISO_CODE),
    ModuleColumn("Sending city", lambda m: m.origin_city, False, "By analogy with the receiving."),
    ModuleColumn(
        "Receiving Organisation OID",
        _receiver_oid,
        True,
        "Named so among the import's fields (EC wiki); the OID, E10000000.",
    ),
    ModuleColumn(
        "Receiving country",
        lambda m: str(m.destination_country),
        False,
        "Named so among the import's fields; whether the Module wants the ISO code (written) "
        "or the name is not documented.",
    ),
    ModuleColumn(
        "Receiving city",
        lambda m: m.destination_city,
        True,
        "Named so among the import's fields; free text.",
    ),
    ModuleColumn("Start date", lambda m: m.start_date, False, "Dates as for the date of birth."),
    ModuleColumn("End date", lambda m: m.end_date, False, "Dates as for the date of birth."),
    ModuleColumn(
        "Duration (days)",
        lambda m: duration_days(m.start_date, m.end_date),
        False,
        "Physical days, start and end counted; header not documented, and the Module "
        "computes it itself.",
    ),
    ModuleColumn(
        "Travel days",
        lambda m: m.travel_days,
        False,
        "The travel days funded by individual support; header not documented.",
    ),
    ModuleColumn(
        "Distance band",
        lambda m: DISTANCE_BANDS.get(_grant(m).band, ""),
        False,
        "Spelled as Mobility Tool+ spelled its bands; the Module's own values are not known.",
    ),
    ModuleColumn(
        "Green travel",
        lambda m: _yes_no(m.green_travel),
        False,
        "A flag of the Module's mobility screen; its header and Yes/No are not documented.",
    ),
    *(
        ModuleColumn(header, _amount(category), False, AMOUNT_NOTES.get(category, ""))
        for category, header in AMOUNT_HEADERS.items()
    ),
    ModuleColumn(TOTAL, lambda m: _grant(m).total, False, _UNCONFIRMED_AMOUNT),
    ModuleColumn(
        "Participant report status",
        lambda m: REPORT_STATUSES[m.participant_report],
        False,
        "Read-only in the Module, which sends the EU survey itself: written for the "
        "read-back. Its values are not publicly documented.",
    ),
)
MODULE_HEADERS: tuple[str, ...] = tuple(column.header for column in MODULE_COLUMNS)
# Other spellings the read-back takes for a column (besides case, diacritics, spacing and
# a trailing asterisk), while the Module's own headers are not confirmed.
ALSO_READ_AS: Mapping[str, tuple[str, ...]] = {
    MOBILITY_ID: ("Mobility ID",),
    "Participant first name": ("First name",),
    "Participant last name": ("Last name",),
    "Participant's date of birth": ("Participant date of birth", "Date of birth"),
    "Participant report status": ("Participant report",),
    TOTAL: ("Total grant", "Total"),
    **{header: (header.removesuffix(" (EUR)"),) for header in AMOUNT_HEADERS.values()},
}


def module_row(mobility: "Mobility", *, native: bool) -> list[object]:
    """A mobility's values in the Module's columns; `native`: dates and numbers as they
    are (XLSX), else as text (CSV: dates ISO 8601)."""
    values = [column.value(mobility) for column in MODULE_COLUMNS]
    if native:
        return values
    return [value.isoformat() if isinstance(value, date) else value for value in values]
