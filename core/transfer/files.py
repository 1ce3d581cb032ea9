"""Reading an uploaded spreadsheet (CSV or XLSX) into a table of cells, or saying in one
sentence why it cannot be read: too large, empty, not a spreadsheet, in an unknown
encoding, without rows. Cells are kept as typed (formulas included): the resources judge
each cell and answer next to it.

CSV: UTF-8 with or without a byte-order mark, UTF-16 with one, else Windows-1257 (what
Excel writes for Latvian); comma, semicolon (Latvian Excel) or tab between cells.
XLSX: the first worksheet, formulas read as formulas, not as their last results, through
xlsx/, which refuses the archives built to exhaust a reader.

Rows come one at a time and reading stops at IMPORT_MAX_ROWS + 1 rows, or at
IMPORT_MAX_CELLS cells (empty ones included: blank lines cost time too).
"""

import codecs
import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TypeAlias

import tablib
from django.conf import settings
from django.utils.translation import gettext as _

from .errors import ImportFileError, too_many_cells
from .xlsx import xlsx_rows
from .xlsx.sheet import Value

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls) and other old Office files
DELIMITERS = (",", ";", "\t")
# Control characters never found in a text file; their presence means a wrong encoding.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_HEADER_COLUMNS = 200

# What a cell of the table holds: text, a number, a boolean, a date, or nothing (times and
# durations of a workbook are kept as formula text, which the resources refuse).
CellValue: TypeAlias = str | int | float | bool | datetime | date | None
# Each row of the file with its line (CSV) or row number (XLSX).
Rows: TypeAlias = Iterator[tuple[int, Sequence[CellValue]]]


def read_dataset(data: bytes, name: str = "") -> tablib.Dataset:
    """The table in `data`: headers, then rows (blank rows skipped). The dataset's
    `line_numbers` give each row's line in the file, for messages."""
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ImportFileError(
            _("The file is larger than %(limit)s MB: split it into smaller files.")
            % {"limit": limit // (1024 * 1024)}
        )
    if not data.strip() or data in (codecs.BOM_UTF8,):
        raise ImportFileError(_("The file is empty."))
    if data.startswith(XLSX_MAGIC):
        return _dataset(_xlsx_rows(data), check_width=False)
    if data.startswith(OLE_MAGIC) or name.lower().endswith((".xls", ".xlsx", ".ods")):
        raise ImportFileError(
            _("This is not a CSV or XLSX file: save it from the spreadsheet as XLSX or CSV.")
        )
    return _dataset(_csv_rows(decode(data)), check_width=True)


def decode(data: bytes) -> str:
    """The text of a CSV file in one of the encodings Latvian spreadsheets write."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = data.decode("cp1257")
    except UnicodeDecodeError:
        text = None
    if text is None or CONTROL.search(text):
        raise ImportFileError(
            _(
                "The file's characters could not be read: save it as “CSV UTF-8” (or as "
                "CSV in the Windows Baltic encoding, 1257) or as XLSX, and upload it again."
            )
        )
    return text


def _delimiter(text: str) -> str:
    """The separator that splits the header row into the most cells."""
    sample = text[:4096]
    best, best_count = ",", 0
    for delimiter in DELIMITERS:
        try:
            first = next(csv.reader(io.StringIO(sample), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(first) > best_count:
            best, best_count = delimiter, len(first)
    return best


def _csv_rows(text: str) -> Rows:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line, cells, limit = 1, 0, settings.IMPORT_MAX_CELLS
    try:
        for record in reader:
            cells += len(record) or 1
            if cells > limit:
                raise too_many_cells(limit)
            yield line, record
            line = reader.line_num + 1
    except csv.Error:
        raise ImportFileError(
            _("The CSV file cannot be read near line %(line)s: is a quotation mark left open?")
            % {"line": line}
        ) from None


def _xlsx_rows(data: bytes) -> Rows:
    for line, values in xlsx_rows(data, max_columns=MAX_HEADER_COLUMNS):
        yield line, [_xlsx_value(v) for v in values]


def _xlsx_value(value: Value) -> CellValue:
    if value is None or isinstance(value, str | int | float | bool | datetime | date):
        return value
    # Left: times and durations (date-formatted numbers below a day), kept as openpyxl
    # once gave them to this function: text behind "=", which the resources refuse.
    text = str(getattr(value, "text", value))
    return text if text.startswith("=") else f"={text}"


def _blank(value: CellValue) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _width(values: Sequence[CellValue]) -> int:
    width = len(values)
    while width and _blank(values[width - 1]):
        width -= 1
    return width


def _dataset(
    rows: Iterable[tuple[int, Sequence[CellValue]]], *, check_width: bool
) -> tablib.Dataset:
    rows = iter(rows)
    header: list[str] | None = None
    for _line, values in rows:
        if any(not _blank(v) for v in values):
            header = [str(v).strip().lstrip("\ufeff") if v is not None else "" for v in values]
            break
    if header is None:
        raise ImportFileError(_("The file is empty."))
    width = _width(header)
    header = header[:width]
    for position, name in enumerate(header, 1):
        if not name:
            raise ImportFileError(
                _("Column %(column)s has no header: name every column as in the template.")
                % {"column": position}
            )
    dataset = tablib.Dataset(headers=header)
    dataset.line_numbers = []
    limit = settings.IMPORT_MAX_ROWS
    for line, values in rows:
        if all(_blank(v) for v in values):
            continue
        if check_width and any(not _blank(v) for v in values[width:]):
            raise ImportFileError(
                _(
                    "Line %(line)s has more cells than the header has columns: check the "
                    "separators (a comma inside a value needs quotation marks)."
                )
                % {"line": line}
            )
        if len(dataset) == limit:
            raise ImportFileError(
                _("The file has more than %(limit)s rows: split it into smaller files.")
                % {"limit": limit}
            )
        dataset.append((list(values) + [None] * width)[:width])
        dataset.line_numbers.append(line)
    if not len(dataset):
        raise ImportFileError(_("The file has a header row but no rows to import."))
    return dataset
