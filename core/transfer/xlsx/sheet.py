"""A worksheet's rows, read from its XML as they come: each row is handed over once
complete, as its values by column, and nothing is made for a gap between rows or for a
cell beyond the columns wanted. Its declared range and the cells and rows it holds
(empty ones too, which cost time all the same) are bounded by IMPORT_MAX_CELLS."""

from datetime import date, datetime, time, timedelta
from typing import TypeAlias

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from ..errors import ImportFileError, too_many_cells
from .parts import EndOfPart, Part, SheetContext, Text

DIGITS = "0123456789"

# What a cell holds: a text (a formula as "=..."), a number, a boolean, a date, a time or a
# duration (numbers shown as one), or nothing.
Value: TypeAlias = str | int | float | bool | datetime | date | time | timedelta | None
# A row with a value: its number, and the values of its columns from the first on.
Row: TypeAlias = tuple[int, list[Value]]


class Sheet(Part[Row]):
    def __init__(self, context: SheetContext, *, max_columns: int):
        super().__init__()
        self.context = context
        self.max_columns = max_columns
        self.max_cells = settings.IMPORT_MAX_CELLS
        self.cells = 0
        self.inside = False  # within sheetData
        self.ready: list[Row] = []
        self.row = self.column = 0
        self.values: dict[int, Value] = {}
        self.cell: _Cell | None = None  # the cell being read, if it is wanted
        self.reading: Text | None = None  # the text being read, if it is wanted
        self.shared_formulas: dict[str, str] = {}

    def take(self) -> list[Row]:
        ready, self.ready = self.ready, []
        return ready

    # start, end and text run for every element and text of the sheet: no path of
    # elements, but the text being read, if any (a wanted cell's v, f or inline t).

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if not self.inside:
            if name == "sheetData":
                self.inside = True
            elif name == "dimension":
                self._check_range(attributes.get("ref", ""))
        elif name == "c":
            self._count()
            self._open_cell(attributes)
        elif name == "row":
            self._count()
            self._open_row(attributes)
        elif self.cell is not None:
            self._open_in_cell(self.cell, name, attributes)

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if not self.inside:
            return
        if name == "c":
            self._close_cell()
        elif name in ("v", "f", "t"):
            self.reading = None
        elif name == "row":
            self._close_row()
        elif name == "rPh" and self.cell is not None:
            self.cell.phonetic -= 1
        elif name == "sheetData":
            raise EndOfPart  # nothing after the data is read

    def text(self, data: str) -> None:
        if self.reading is not None:
            self.reading.add(data)

    def _open_in_cell(self, cell: "_Cell", name: str, attributes: dict[str, str]) -> None:
        if name == "v":
            self.reading = cell.raw
        elif name == "f":
            cell.formula = self.reading = Text()
            if attributes.get("t") == "shared":
                cell.formula_group = attributes.get("si")
        elif name == "is":
            cell.inline = Text()
        elif name == "t" and cell.inline is not None and not cell.phonetic:
            self.reading = cell.inline
        elif name == "rPh":
            cell.phonetic += 1

    def _close_cell(self) -> None:
        if self.cell is not None:
            value = self._value(self.cell)
            if value is not None:
                self.values[self.column] = value
            self.cell = None

    def _close_row(self) -> None:
        if self.values:
            width = max(self.values)
            self.ready.append((self.row, [self.values.get(c) for c in range(1, width + 1)]))
            self.values = {}

    def _count(self) -> None:
        self.cells += 1
        if self.cells > self.max_cells:
            raise too_many_cells(self.max_cells)

    def _check_range(self, ref: str) -> None:
        try:
            first_column, first_row, last_column, last_row = range_boundaries(ref)
            cells = (last_row - first_row + 1) * (last_column - first_column + 1)
        except (TypeError, ValueError):
            return  # only a hint of the size, and the cells read are counted anyway
        if cells > self.max_cells:
            raise ImportFileError(
                _(
                    "The sheet's used range %(range)s spans more than %(limit)s cells: "
                    "delete the rows and columns beyond your data, save and upload it again."
                )
                % {"range": ref, "limit": self.max_cells}
            )

    def _open_row(self, attributes: dict[str, str]) -> None:
        number = attributes.get("r")
        if number is None:
            self.row += 1
        elif number.isdigit():
            self.row = int(number)
        else:
            value = float(number)  # as openpyxl, "3.0" too
            if not value.is_integer():
                raise ValueError(number)
            self.row = int(value)
        self.column = 0
        self.values = {}

    def _open_cell(self, attributes: dict[str, str]) -> None:
        reference = attributes.get("r")
        if reference:
            self.column = column_index_from_string(reference.rstrip(DIGITS))
        else:
            self.column += 1
        if self.column <= self.max_columns:
            self.cell = _Cell(attributes.get("t", "n"), int(attributes.get("s") or 0))

    def _value(self, cell: "_Cell") -> Value:
        if cell.formula is not None:
            return "=" + self._formula_text(cell.formula, cell.formula_group)
        if cell.kind == "inlineStr":
            return None if cell.inline is None else cell.inline.value()
        raw = cell.raw.value()
        if not raw:
            return None
        if cell.kind == "n":
            return self._number(raw, cell.style)
        if cell.kind == "s":
            return self.context.strings[int(raw)]
        if cell.kind == "b":
            return bool(int(raw))
        if cell.kind == "d":
            parsed: date | time | timedelta = from_ISO8601(raw)
            return parsed
        return raw  # "str" (a formula's text result), "e" (an error such as #N/A)

    def _formula_text(self, formula: Text, group: str | None) -> str:
        text = formula.value()
        if group is None:
            return text
        # A shared formula's other cells repeat its first cell's text (openpyxl moves the
        # references along; the cell is refused as a formula all the same).
        if text:
            self.shared_formulas.setdefault(group, text)
        return self.shared_formulas.get(group, text)

    def _number(self, raw: str, style: int) -> Value:
        number = float(raw) if "." in raw or "E" in raw or "e" in raw else int(raw)
        if style not in self.context.dates:
            return number
        try:
            duration = style in self.context.durations
            moment: datetime | time | timedelta = from_excel(
                number, self.context.epoch, timedelta=duration
            )
            return moment
        except (OverflowError, ValueError):
            return "#VALUE!"  # as openpyxl marks a date out of range


class _Cell:
    """A wanted cell being read: its type (t), style (s) and texts."""

    __slots__ = ("kind", "style", "raw", "formula", "formula_group", "inline", "phonetic")

    def __init__(self, kind: str, style: int) -> None:
        self.kind, self.style = kind, style
        self.raw = Text()
        self.formula: Text | None = None
        self.formula_group: str | None = None
        self.inline: Text | None = None
        self.phonetic = 0  # within its inline text's phonetic reading (rPh)
