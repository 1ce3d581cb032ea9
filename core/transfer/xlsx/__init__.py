"""Reading the first worksheet of an XLSX workbook without trusting the file.

An XLSX file is a zip of XML parts, and a few kilobytes of it can unpack to gigabytes or
cost minutes: a part compressed a million to one, a "billion laughs" of XML entities, a
declared range of 17 billion cells, a row numbered 1 048 576 right after row 2, a million
cells in one row, a million shared texts. openpyxl, even read-only, trusts all of that (it
makes an object of every shared text, some 30 µs each, fills every gap between rows with
empty cells and builds each row whole), so the workbook is read here with expat, as a
stream, within limits checked before and while reading:

- archive.py, from the zip's end record and directory, before anything is unpacked: at
  most IMPORT_XLSX_MAX_PARTS parts, stored or deflated (what spreadsheets write; zipfile would
  also inflate bzip2 and LZMA, a million to one), IMPORT_XLSX_MAX_UNPACKED_BYTES unpacked
  in all, and no part over a megabyte unpacking to more than IMPORT_XLSX_MAX_RATIO times
  its packed size (zipfile never inflates a part beyond the size the directory states);
  then no XML part may declare a DOCTYPE, so no entity is ever defined, let alone
  expanded;
- parts.py, the parts read for the sheet (relationships, workbook, styles, shared texts):
  at most IMPORT_MAX_CELLS texts of at most 32 767 characters (Excel's own limit), and
  all the parts read, the sheet included, at most ELEMENTS_PER_CELL XML elements per cell
  of IMPORT_MAX_CELLS, which bounds the time (counted before a part is parsed, as fast
  as it unpacks);
- sheet.py, the sheet: its declared range and the cells and rows read (empty ones
  included) at most IMPORT_MAX_CELLS; rows come one at a time, a gap between row numbers
  costs nothing, cells beyond `max_columns` are counted and dropped, blank rows are not
  returned, nothing after the sheet's data is read; read_dataset stops at
  IMPORT_MAX_ROWS + 1 rows.

Values are what openpyxl gives with data_only=False: formulas as "=..." text (not their
last results, so that they can be refused), numbers, dates for date-formatted numbers
(openpyxl's own is_date_format and from_excel), booleans, shared and inline texts.
"""

import io
import zipfile
from collections.abc import Iterator

from ..errors import ImportFileError
from .archive import check_archive, check_directory, unreadable
from .parts import Budget, first_worksheet, read
from .sheet import Row, Sheet

Rows = Iterator[Row]


def xlsx_rows(data: bytes, *, max_columns: int) -> Rows:
    """The first worksheet's rows that hold a value, as (row number, values of columns 1
    to at most `max_columns`). ImportFileError if the file is refused or damaged."""
    check_directory(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise unreadable() from None
    with archive:
        try:
            check_archive(archive)
            budget = Budget()
            found = first_worksheet(archive, budget)
            if found is None:
                return
            name, context = found
            yield from read(archive, name, Sheet(context, max_columns=max_columns), budget)
        except ImportFileError:
            raise
        except Exception:  # any damage to the zip or its XML: one answer for the user
            raise unreadable() from None
