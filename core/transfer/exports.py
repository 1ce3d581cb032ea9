"""Writing tables as CSV and XLSX files, and the import formats django-import-export
uses (admin, `import` and `export` commands) built on the portal's own reading.

Every exported text cell that a spreadsheet would run as a formula (= + - @, tab, carriage
return at its start) gets a leading apostrophe: the file cannot inject a formula into the
spreadsheet that opens it, and an import of the file takes the apostrophe off again.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TypeAlias

import tablib
from django.http import HttpResponse
from django.utils import timezone
from import_export.formats import base_formats

from ..downloads import private_bytes
from .files import read_dataset
from .values import neutralise

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

# A table's rows, each the values of its cells (a tablib.Dataset is one too).
Rows: TypeAlias = Iterable[Iterable[object]]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(neutralise(value))


def csv_bytes(headers: Iterable[object], rows: Rows) -> bytes:
    """UTF-8 with a byte-order mark, which Excel needs to read Latvian letters."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(value) for value in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(
    headers: Sequence[object],
    rows: Rows,
    *,
    sheet_title: str = "",
    extra_sheets: Iterable[tuple[str, Rows]] = (),
) -> bytes:
    """One worksheet: a bold, frozen header row and the rows, values kept as numbers and
    dates. `extra_sheets` are (title, rows) written after it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    def cell_value(value: object) -> object:
        value = neutralise(value)
        if isinstance(value, str):
            return ILLEGAL_CHARACTERS_RE.sub("", value)
        return value

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31] or "Sheet1")
    sheet.freeze_panes = "A2"
    for position, header in enumerate(headers, 1):
        width = min(max(len(str(header)) + 2, 12), 45)
        sheet.column_dimensions[get_column_letter(position)].width = width
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=cell_value(str(header)))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    for title, extra_rows in extra_sheets:
        extra = book.create_sheet(title[:31])
        for row in extra_rows:
            extra.append([cell_value(value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_response(content: bytes, fmt: str, stem: str) -> HttpResponse:
    """A download named `<stem>-<today>.<fmt>`: private, as every export holds people's
    data."""
    filename = f"{stem}-{timezone.localdate().isoformat()}.{fmt}"
    return private_bytes(content, filename=filename, content_type=CONTENT_TYPES[fmt])


def dataset_bytes(dataset: tablib.Dataset, fmt: str) -> bytes:
    if fmt == "csv":
        return csv_bytes(dataset.headers, dataset)
    return xlsx_bytes(dataset.headers, dataset)


def _as_bytes(in_stream: str | bytes) -> bytes:
    return in_stream.encode("utf-8") if isinstance(in_stream, str) else bytes(in_stream)


class CSV(base_formats.CSV):
    """CSV for django-import-export (admin and commands) read the portal's way: any of
    its encodings and separators; written with a byte-order mark and neutralised cells."""

    def is_binary(self) -> bool:
        return True

    def get_read_mode(self) -> str:
        return "rb"

    def create_dataset(self, in_stream: str | bytes, **kwargs: object) -> tablib.Dataset:
        return read_dataset(_as_bytes(in_stream), "import.csv")

    def export_data(self, dataset: tablib.Dataset, **kwargs: object) -> bytes:
        return csv_bytes(dataset.headers, dataset)


class XLSX(base_formats.XLSX):
    """XLSX read with its formulas (refused by the resources), written neutralised."""

    def create_dataset(self, in_stream: str | bytes, **kwargs: object) -> tablib.Dataset:
        return read_dataset(_as_bytes(in_stream), "import.xlsx")

    def export_data(self, dataset: tablib.Dataset, **kwargs: object) -> bytes:
        return xlsx_bytes(dataset.headers, dataset)


FORMATS = [CSV, XLSX]
