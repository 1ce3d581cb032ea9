"""Reading a file exported from the Beneficiary Module back, and what it says otherwise
than the portal: per mobility (matched on its Mobility activity ID) the dates, the
participant's name and date of birth, each amount and the total, the participant report;
the file's rows the portal does not have, and the portal's mobilities the file lacks.
Nothing is written: the coordinator corrects whichever side is wrong.

A file that cannot be compared at all (no Mobility activity ID column, another project's
file) raises ImportFileError; a row or a cell that cannot be read is a RowProblem, listed
with its line and column, and the rest of the file is still compared.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

import tablib
from django.utils.translation import gettext as _

from core.transfer import ImportFileError
from core.transfer.values import (
    DateWidget,
    DecimalWidget,
    cell_text,
    is_formula,
    normalise,
    unescape,
)

from ..models import Mobility
from ..selectors import beneficiary_module_mobilities
from .columns import (
    ALSO_READ_AS,
    AMOUNT_HEADERS,
    DATA_TYPE,
    GRANT_AGREEMENT,
    MOBILITY_ID,
    MODULE_COLUMNS,
    SUB_ROW_DATA_TYPES,
    TOTAL,
    ModuleColumn,
)

if TYPE_CHECKING:
    from projects.models import Project

# What is compared, in this order; the other columns are the Module's to compute or the
# portal's to hold (organisations, places, codes).
COMPARED: tuple[str, ...] = (
    "Start date",
    "End date",
    "Participant first name",
    "Participant last name",
    "Participant's date of birth",
    *AMOUNT_HEADERS.values(),
    TOTAL,
    "Participant report status",
)
# The Module's own IDs: <last digits of the project number>-MOB-<number>.
MODULE_ID = re.compile(r"^(?:(?P<prefix>.+)-)?MOB-(?P<number>\d{1,9})$", re.IGNORECASE)
# Day first with hyphens or slashes, as Mobility Tool+ wrote dates (01-09-2026).
DATE_DMY = re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$")
CENT = Decimal("0.01")
# A row of the file: its cells by the Module's header.
Row: TypeAlias = dict[str, object]
_BY_HEADER = {column.header: column for column in MODULE_COLUMNS}
_SUB_ROWS = {normalise(data_type) for data_type in SUB_ROW_DATA_TYPES}


@dataclass(frozen=True)
class Difference:
    column: str  # the Module's header
    kind: str  # "date", "amount" or "text": how both values are shown
    portal: object
    file: object


@dataclass(frozen=True)
class ChangedMobility:
    mobility: Mobility
    line: int
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class FileOnlyRow:
    """A row of the file whose mobility the portal does not have (or has cancelled)."""

    line: int
    mobility_id: str
    name: str
    cancelled: bool = False
    grant_agreement: str = ""  # another project's number, when the row names one


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str  # "" when the problem is the row's
    message: str


@dataclass
class Comparison:
    changed: list[ChangedMobility] = field(default_factory=list)
    same: int = 0
    only_in_file: list[FileOnlyRow] = field(default_factory=list)
    only_in_portal: list[Mobility] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)  # compared columns the file lacks
    sub_rows: int = 0  # itinerary and certification rows, not mobilities

    @property
    def agrees(self) -> bool:
        return not (self.changed or self.only_in_file or self.only_in_portal or self.problems)


def compare_with_module(*, project: "Project", dataset: tablib.Dataset) -> Comparison:
    """What the Module's file `dataset` (read by core.transfer.read_dataset) says otherwise
    than the portal about `project`'s mobilities."""
    columns = _columns(dataset.headers)
    if MOBILITY_ID not in columns:
        raise ImportFileError(
            _(
                "The file has no column “%(column)s”: export the mobility activities from the "
                "Beneficiary Module and upload that file."
            )
            % {"column": MOBILITY_ID}
        )
    lines = getattr(dataset, "line_numbers", None) or list(range(2, len(dataset) + 2))
    rows = [
        (line, {name: row[index] for name, index in columns.items()})
        for line, row in zip(lines, dataset, strict=True)
    ]
    _refuse_another_project(project, rows)
    mobilities = list(beneficiary_module_mobilities(project))
    comparison = Comparison(not_compared=[c for c in COMPARED if c not in columns])
    in_file = _compare_rows(project, rows, {m.number: m for m in mobilities}, comparison)
    comparison.only_in_portal = [
        m for m in mobilities if m.status != Mobility.Status.CANCELLED and m.pk not in in_file
    ]
    return comparison


def _columns(headers: Sequence[object] | None) -> dict[str, int]:
    """The position of each of the Module's columns in the file, by its header (case,
    diacritics, spacing and a mandatory field's trailing asterisk aside)."""
    known = {normalise(column.header): column.header for column in MODULE_COLUMNS}
    for header, spellings in ALSO_READ_AS.items():
        known.update((normalise(spelling), header) for spelling in spellings)
    found: dict[str, int] = {}
    original: dict[str, str] = {}
    for index, header in enumerate(headers or []):
        text = cell_text(header)
        name = known.get(normalise(text.rstrip("* ")))
        if name is None:
            continue
        if name in found:
            raise ImportFileError(
                _("The columns “%(first)s” and “%(second)s” are the same column.")
                % {"first": original[name], "second": text}
            )
        found[name], original[name] = index, text
    return found


def _text(value: object) -> str:
    return cell_text(unescape(value))


def _refuse_another_project(project: "Project", rows: list[tuple[int, Row]]) -> None:
    """A file whose every row names another grant agreement is another project's."""
    numbers = {_text(row.get(GRANT_AGREEMENT)).upper() for _line, row in rows} - {""}
    own = project.grant_agreement_number.upper()
    if numbers and own not in numbers:
        raise ImportFileError(
            _(
                "The file is for the grant agreement %(file)s, and this project is %(own)s: "
                "upload the file of this project."
            )
            % {"file": ", ".join(sorted(numbers)), "own": project.grant_agreement_number}
        )


def _compare_rows(
    project: "Project",
    rows: list[tuple[int, Row]],
    by_number: dict[int, Mobility],
    comparison: Comparison,
) -> set[int]:
    """Compares each row with its mobility into `comparison`; the ids of the mobilities
    the file has."""
    seen: dict[int, int] = {}
    own = project.grant_agreement_number.upper()
    for line, row in rows:
        if normalise(_text(row.get(DATA_TYPE))) in _SUB_ROWS:
            comparison.sub_rows += 1
            continue
        mobility_id = _text(row[MOBILITY_ID])
        if not mobility_id:
            comparison.problems.append(
                RowProblem(line, MOBILITY_ID, _("The row has no mobility activity ID."))
            )
            continue
        grant_agreement = _text(row.get(GRANT_AGREEMENT)).upper()
        number = _number_of(mobility_id, own)
        mobility = by_number.get(number) if number is not None else None
        if grant_agreement not in ("", own) or mobility is None:
            comparison.only_in_file.append(
                FileOnlyRow(
                    line,
                    mobility_id,
                    _file_name(row),
                    grant_agreement=grant_agreement if grant_agreement != own else "",
                )
            )
            continue
        if mobility.pk in seen:
            comparison.problems.append(
                RowProblem(
                    line,
                    MOBILITY_ID,
                    _("Line %(line)s already has this mobility activity ID.")
                    % {"line": seen[mobility.pk]},
                )
            )
            continue
        seen[mobility.pk] = line
        if mobility.status == Mobility.Status.CANCELLED:
            comparison.only_in_file.append(
                FileOnlyRow(line, mobility_id, _file_name(row), cancelled=True)
            )
            continue
        differences = _differences(line, row, mobility, comparison)
        if differences:
            comparison.changed.append(ChangedMobility(mobility, line, tuple(differences)))
        elif not any(p.line == line for p in comparison.problems):
            comparison.same += 1
    return set(seen)


def _number_of(mobility_id: str, grant_agreement: str) -> int | None:
    """The portal's number of a mobility given by its reference (<grant agreement>-MOB-
    <number>) or by the Module's own ID (<last digits of the grant agreement>-MOB-<number>);
    None for another project's."""
    match = MODULE_ID.match("".join(mobility_id.split()))
    if match is None:
        return None
    prefix = (match["prefix"] or "").upper()
    last_part = grant_agreement.rsplit("-", 1)[-1]
    if prefix not in ("", grant_agreement) and not (
        prefix.isdigit() and len(prefix) >= 4 and last_part.endswith(prefix)
    ):
        return None
    return int(match["number"])


def _file_name(row: Row) -> str:
    names = (_text(row.get("Participant first name")), _text(row.get("Participant last name")))
    return " ".join(name for name in names if name)


def _differences(
    line: int, row: Row, mobility: Mobility, comparison: Comparison
) -> list[Difference]:
    differences = []
    for header in COMPARED:
        if header not in row:
            continue
        try:
            difference = _compare_cell(_BY_HEADER[header], row[header], mobility)
        except ValueError as error:
            comparison.problems.append(RowProblem(line, header, str(error)))
            continue
        if difference is not None:
            differences.append(difference)
    return differences


def _compare_cell(column: ModuleColumn, value: object, mobility: Mobility) -> Difference | None:
    value = unescape(value)
    if is_formula(value):
        raise ValueError(
            _("Formulas are not read, and this cell starts with “%(start)s”: type the value.")
            % {"start": value[0]}
        )
    portal = column.value(mobility)
    if isinstance(portal, date):
        in_file = _date(value)
        same = in_file == portal
        kind = "date"
    elif isinstance(portal, Decimal):
        in_file = _amount(value)
        same = in_file == portal.quantize(CENT)
        kind = "amount"
    else:
        in_file = _text(value)
        same = _comparable_text(in_file) == _comparable_text(str(portal))
        kind = "text"
    return None if same else Difference(column.header, kind, portal, in_file)


def _date(value: object) -> date | None:
    text = _text(value)
    if match := DATE_DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(_("There is no such day: %(value)s.") % {"value": text}) from None
    return DateWidget().clean(value)


def _amount(value: object) -> Decimal:
    """An amount of the file; an empty cell is nothing granted."""
    number = DecimalWidget().clean(value)
    return (number or Decimal(0)).quantize(CENT)


def _comparable_text(text: str) -> str:
    """Names and codes compare with case and spacing aside, never their diacritics."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
