"""The XML parts read for a workbook's first sheet, each parsed by expat as a stream into
what the sheet needs: relationships to find the parts, the workbook's sheets and date
system, the styles that show numbers as dates, and the table of shared texts.

Every part read takes its elements from one Budget, counted before the part is parsed,
so that no file costs more than a file of IMPORT_MAX_CELLS cells would.
"""

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, Never, TypeVar
from xml.parsers.expat import ParserCreate

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH

from ..errors import ImportFileError
from .archive import CHUNK, refuse_doctype, unreadable

MAX_TEXT = 32_767  # characters in a cell, as in Excel
# XML elements per cell (c and v; c, is and t for an inline text, as openpyxl and this
# portal's exports write them; a shared text's si and t, shared by several cells), and a
# file that is all elements and no cells costs about as much as the largest one allowed.
ELEMENTS_PER_CELL = 3

_Made_co = TypeVar("_Made_co", covariant=True)


class Budget:
    """The XML elements left to read in the file."""

    def __init__(self) -> None:
        self.limit = settings.IMPORT_MAX_CELLS * ELEMENTS_PER_CELL
        self.left = self.limit

    def take(self, archive: zipfile.ZipFile, name: str) -> None:
        """Takes the part's elements, counted before any is parsed, at the speed of
        unpacking: each opens with "<" and, unless empty, closes with "</" (nothing else
        holds a "<"; a comment counts as an element, and a "</" cut between two chunks
        as one more)."""
        elements = 0
        with archive.open(name) as source:
            while chunk := source.read(CHUNK):
                elements += chunk.count(b"<") - chunk.count(b"</")
                if elements > self.left:
                    raise self.exceeded()
        self.left -= elements

    def exceeded(self) -> ImportFileError:
        return ImportFileError(
            _(
                "The XLSX file holds more than %(limit)s XML elements, too many for its "
                "cells: copy the cells to import into a new workbook and upload that one."
            )
            % {"limit": self.limit}
        )


class EndOfPart(Exception):
    """Raised by a Part that has read all it needs: the rest of the part is not parsed."""


class Part(Generic[_Made_co]):
    """What one part's XML is read into: `opened` and `closed` see each element by its
    name without a prefix, `path` the names of the elements open around it. What it makes
    while read (the sheet: its rows) is handed over by `take`; the other parts make nothing
    (Part[Never]) but what they hold once parsed."""

    text: Callable[[str], None] | None = None  # or a handler of the text between tags

    def __init__(self) -> None:
        self.path: list[str] = []

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        self.path.append(name)
        self.opened(name, attributes)

    def end(self, name: str) -> None:
        self.closed(self.path.pop())

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        pass

    def closed(self, name: str) -> None:
        pass

    def take(self) -> list[_Made_co]:
        """What the part has made of the chunks read so far (the sheet: its rows)."""
        return []


def read(
    archive: zipfile.ZipFile, name: str, part: Part[_Made_co], budget: Budget
) -> Iterator[_Made_co]:
    """Feeds the part's XML to `part` in chunks, handing over what it made of each."""
    budget.take(archive, name)
    parser = ParserCreate()
    parser.buffer_text = True
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.StartElementHandler = part.start
    parser.EndElementHandler = part.end
    if part.text is not None:
        parser.CharacterDataHandler = part.text
    try:
        with archive.open(name) as source:
            while chunk := source.read(CHUNK):
                parser.Parse(chunk, False)
                yield from part.take()
            parser.Parse(b"", True)
    except EndOfPart:
        pass
    yield from part.take()


_Parsed = TypeVar("_Parsed", bound=Part[object])


def parse(archive: zipfile.ZipFile, name: str, part: _Parsed, budget: Budget) -> _Parsed:
    for _made in read(archive, name, part, budget):
        pass
    return part


class Text:
    """A text being read, refused when longer than a cell may hold."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.length = 0

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.length > MAX_TEXT:
            raise ImportFileError(
                _(
                    "A text in the file is longer than %(limit)s characters, more than a "
                    "spreadsheet cell holds: shorten it and upload the file again."
                )
                % {"limit": MAX_TEXT}
            )
        self.pieces.append(data)

    def value(self) -> str:
        return "".join(self.pieces)


# --- Finding the sheet ---------------------------------------------------------------------


@dataclass(frozen=True)
class SheetContext:
    """What a sheet's cells refer to."""

    strings: list[str]
    dates: frozenset[int]  # cell styles showing a number as a date
    durations: frozenset[int]  # and those of them showing it as a duration
    epoch: datetime


def first_worksheet(archive: zipfile.ZipFile, budget: Budget) -> tuple[str, SheetContext] | None:
    """The first worksheet's part, in the workbook's order of sheets, and its context;
    None for a workbook without one (only charts)."""
    package = _relationships(archive, "", budget)
    workbook = package.get("officeDocument")
    if workbook is None:
        raise unreadable()
    book = parse(archive, workbook, _Workbook(), budget)
    rels = _relationships(archive, workbook, budget)
    targets = {id: (kind, target) for kind, id, target in rels.links}
    sheets = [targets[id][1] for id in book.sheets if targets.get(id, ("",))[0] == "worksheet"]
    if not sheets:
        return None
    styles = rels.get("styles")
    style = parse(archive, styles, _Styles(), budget) if styles else _Styles()
    table = rels.get("sharedStrings")
    strings = parse(archive, table, _SharedStrings(), budget).strings if table else []
    dates, durations = style.date_styles()
    epoch = CALENDAR_MAC_1904 if book.date1904 else WINDOWS_EPOCH
    return sheets[0], SheetContext(strings, dates, durations, epoch)


def _relationships(archive: zipfile.ZipFile, part: str, budget: Budget) -> "_Relationships":
    folder, file = posixpath.split(part)
    name = posixpath.join(folder, "_rels", f"{file}.rels")
    return parse(archive, name, _Relationships(folder), budget)


class _Relationships(Part[Never]):
    """A part's links to other parts: (kind, such as "worksheet"; id; target part)."""

    def __init__(self, folder: str):
        super().__init__()
        self.folder = folder
        self.links: list[tuple[str, str, str]] = []

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if name == "Relationship" and attributes.get("TargetMode") != "External":
            kind = attributes["Type"].rpartition("/")[2]
            self.links.append((kind, attributes["Id"], self._target(attributes["Target"])))

    def get(self, kind: str) -> str | None:
        """The first target of that kind."""
        return next((target for k, _id, target in self.links if k == kind), None)

    def _target(self, target: str) -> str:
        if target.startswith("/"):
            return target[1:]
        return posixpath.normpath(posixpath.join(self.folder, target))


class _Workbook(Part[Never]):
    """The relationship ids of the sheets in their order, and the date system."""

    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[str] = []
        self.date1904 = False

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if name == "sheet":
            self.sheets.extend(v for k, v in attributes.items() if k.rpartition(":")[2] == "id")
        elif name == "workbookPr":
            self.date1904 = attributes.get("date1904", "0").lower() in ("1", "true")


class _Styles(Part[Never]):
    """The number format of each cell style (cellXfs), and the workbook's own formats."""

    def __init__(self) -> None:
        super().__init__()
        self.custom: dict[int, str] = {}
        self.formats: list[int] = []

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if name == "numFmt":
            self.custom[int(attributes["numFmtId"])] = attributes.get("formatCode", "")
        elif name == "xf" and self.path[-2] == "cellXfs":
            self.formats.append(int(attributes.get("numFmtId", 0)))

    def date_styles(self) -> tuple[frozenset[int], frozenset[int]]:
        codes = [self.custom.get(number, BUILTIN_FORMATS.get(number)) for number in self.formats]
        dates = frozenset(style for style, code in enumerate(codes) if is_date_format(code))
        durations = frozenset(style for style in dates if is_timedelta_format(codes[style]))
        return dates, durations


class _SharedStrings(Part[Never]):
    """The table of texts that cells name by number: a text is its own t, or the t of
    each of its runs (r), never its phonetic reading (rPh)."""

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self.current: Text | None = None  # the text being read
        self.reading = False  # within one of its t
        self.phonetic = 0  # within its rPh
        self.limit = settings.IMPORT_MAX_CELLS

    # These run for every element and text of the table: flags rather than a path.

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "t":
            self.reading = self.current is not None and not self.phonetic
        elif name == "si":
            if len(self.strings) == self.limit:
                raise ImportFileError(
                    _("The XLSX file holds more than %(limit)s texts: split it into smaller files.")
                    % {"limit": self.limit}
                )
            self.current = Text()
        elif name == "rPh":
            self.phonetic += 1

    def end(self, name: str) -> None:
        if ":" in name:
            name = name.rpartition(":")[2]
        if name == "t":
            self.reading = False
        elif name == "si" and self.current is not None:
            # As openpyxl reads them: Excel's escape of "_x" taken off.
            self.strings.append(self.current.value().replace("x005F_", ""))
            self.current = None
        elif name == "rPh":
            self.phonetic -= 1

    def text(self, data: str) -> None:
        if self.reading and self.current is not None:  # reading: within a text's t
            self.current.add(data)
