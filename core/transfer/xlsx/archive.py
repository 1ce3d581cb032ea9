"""The XLSX file's zip, checked before any part is read: how many parts (from the zip's
end record, before zipfile reads its directory), how compressed, how big once unpacked
(from the directory, nothing unpacked), and no DOCTYPE in any XML part (each unpacked only
up to its first element)."""

import struct
import zipfile
from typing import NoReturn
from xml.parsers.expat import ParserCreate

from django.conf import settings
from django.utils.translation import gettext as _

from ..errors import ImportFileError

METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
RATIO_CHECKED_FROM = 1024 * 1024  # a smaller part costs little whatever its ratio
XML_SUFFIXES = (".xml", ".rels", ".vml")
CHUNK = 64 * 1024
END_RECORD = b"PK\x05\x06"
END_RECORD_BYTES = 22  # and a comment of up to 65 535 bytes
# A directory entry is 46 bytes and the part's name: a kilobyte each is plenty.
DIRECTORY_BYTES_PER_PART = 1024


def unreadable() -> ImportFileError:
    return ImportFileError(_("This file could not be read as an XLSX workbook."))


def refuse_doctype(*args: object) -> NoReturn:
    """An expat handler: a DOCTYPE is where entities are declared."""
    raise ImportFileError(
        _(
            "The XLSX file declares XML entities (a DOCTYPE), which spreadsheets never "
            "write: open it in the spreadsheet and save it again as XLSX."
        )
    )


def check_directory(data: bytes) -> None:
    """The number of parts and the size of the directory that the zip's end record
    states, before zipfile reads the directory (an object per part, 90 000 parts in a
    10 MB file). The record is found as zipfile finds it, the last one in the file."""
    end = data.rfind(END_RECORD, max(0, len(data) - END_RECORD_BYTES - 65_535))
    if end < 0 or end + END_RECORD_BYTES > len(data):
        return  # not a zip: zipfile says so
    count, size = struct.unpack_from("<HI", data, end + 10)
    limit = settings.IMPORT_XLSX_MAX_PARTS
    if count > limit or size > limit * DIRECTORY_BYTES_PER_PART:
        raise _too_many_parts()


def check_archive(archive: zipfile.ZipFile) -> None:
    parts = archive.infolist()
    if len(parts) > settings.IMPORT_XLSX_MAX_PARTS:
        raise _too_many_parts()
    for part in parts:
        _check_compression(part)
    _check_unpacked_size(parts)
    for part in parts:
        if part.filename.lower().endswith(XML_SUFFIXES):
            _check_prolog(archive, part.filename)


def _too_many_parts() -> ImportFileError:
    return ImportFileError(
        _(
            "The XLSX file holds more than %(limit)s parts: save it again from the "
            "spreadsheet as a plain workbook, without pictures or attachments."
        )
        % {"limit": settings.IMPORT_XLSX_MAX_PARTS}
    )


def _check_compression(part: zipfile.ZipInfo) -> None:
    if part.compress_type not in METHODS:
        raise ImportFileError(
            _(
                "The XLSX file is compressed in a way spreadsheets do not use: open it in "
                "the spreadsheet and save it again as XLSX."
            )
        )
    ratio = part.file_size / max(part.compress_size, 1)
    if part.file_size > RATIO_CHECKED_FROM and ratio > settings.IMPORT_XLSX_MAX_RATIO:
        raise ImportFileError(
            _(
                "The XLSX file unpacks to more than %(ratio)s times its size, which "
                "spreadsheets do not write: open it in the spreadsheet and save it again "
                "as XLSX."
            )
            % {"ratio": settings.IMPORT_XLSX_MAX_RATIO}
        )


def _check_unpacked_size(parts: list[zipfile.ZipInfo]) -> None:
    limit = settings.IMPORT_XLSX_MAX_UNPACKED_BYTES
    if sum(part.file_size for part in parts) > limit:
        raise ImportFileError(
            _(
                "The XLSX file unpacks to more than %(limit)s MB: delete the sheets and "
                "pictures it does not need, or split it into smaller files."
            )
            % {"limit": limit // (1024 * 1024)}
        )


class _FirstElement(Exception):
    pass


def _stop(name: str, attributes: dict[str, str]) -> NoReturn:
    raise _FirstElement


def _check_prolog(archive: zipfile.ZipFile, name: str) -> None:
    """Refuses a DOCTYPE in the part, even in one that is never read: it can only come
    before the first element, so unpacking stops there."""
    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.StartElementHandler = _stop
    try:
        with archive.open(name) as part:
            while chunk := part.read(CHUNK):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _FirstElement:
        pass
