"""Running an import, as a preview (a dry run, rolled back) or for real, and what the
preview page shows: every row as new, changed, unchanged or invalid, each problem next to
the cell it concerns."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from import_export.results import RowResult

from .errors import ImportFileError
from .resources import STATUS, ImportRefused, TransferResource
from .values import cell_text

logger = logging.getLogger(__name__)

STATUSES = ("new", "changed", "unchanged", "invalid")


@dataclass
class Cell:
    value: str
    problems: list[str] = field(default_factory=list)
    was: str | None = None


@dataclass
class Row:
    line: int
    status: str
    cells: list[Cell]
    problems: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    """An import's result, as the preview and result pages show it."""

    headers: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    problems: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and not self.counts["invalid"]

    @property
    def changes_anything(self) -> bool:
        return bool(self.counts["new"] or self.counts["changed"])


def run_import(resource: TransferResource, dataset: tablib.Dataset, *, dry_run: bool) -> Outcome:
    """Import `dataset` with `resource`; with `dry_run`, or if any row is invalid,
    everything is rolled back."""
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    outcome = Outcome(ignored_columns=list(resource.unknown_columns))
    for error in result.base_errors:
        if isinstance(error.error, ImportFileError):
            outcome.problems.append(error.error.message)
        elif not isinstance(error.error, ImportRefused):
            raise error.error
    if outcome.problems:
        return outcome
    columns = [h for h in dataset.headers if h not in resource.unknown_columns]
    positions = [dataset.headers.index(h) for h in columns]
    outcome.headers = [resource.original_headers.get(h, h) for h in columns]
    for number, (values, row_result) in enumerate(zip(dataset, result.rows, strict=True), 1):
        row = _row(resource.line_of(number), [values[p] for p in positions], columns, row_result)
        outcome.rows.append(row)
        outcome.counts[row.status] += 1
    return outcome


def _row(line: int, values: Sequence[object], columns: list[str], row_result: RowResult) -> Row:
    status = STATUS[row_result.import_type]
    problems = _problems(row_result)
    changes = getattr(row_result, "changes", {}) or {}
    cells = [
        Cell(cell_text(value), problems.pop(name, []), changes.get(name))
        for name, value in zip(columns, values, strict=True)
    ]
    leftover = [m for name, messages in problems.items() for m in messages]
    return Row(line, status, cells, leftover)


def _problems(row_result: RowResult) -> dict[str, list[str]]:
    if row_result.errors:
        # Not a rule the row breaks but a fault of the portal: logged, and the row refused.
        for error in row_result.errors:
            logger.error("Import row failed:\n%s", error.traceback)
        return {
            NON_FIELD_ERRORS: [
                _("This row could not be imported because of an error in the portal.")
            ]
        }
    error = row_result.validation_error
    if error is None:
        return {}
    if hasattr(error, "error_dict"):
        return {name: list(messages) for name, messages in error.message_dict.items()}
    return {NON_FIELD_ERRORS: list(error.messages)}
