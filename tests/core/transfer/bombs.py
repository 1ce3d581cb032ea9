"""Hostile spreadsheets, built in memory (no binaries in the repository): small files that
would cost a reader gigabytes or minutes. The tests of core/transfer/xlsx/ and
bench/import_bombs.py use them.

`workbook()` writes a minimal XLSX by hand (content types, workbook, one sheet, optional
shared strings and styles), so each bomb changes exactly one thing of an otherwise valid
file, and the tests can write the XML that Excel or LibreOffice write.
"""

import io
import random
import zipfile

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STYLES_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"

HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
DATA_ROW = '<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Anna</t></is></c></row>'


def _content_types(strings: bool, styles: bool) -> str:
    overrides = [
        ("/xl/workbook.xml", WORKBOOK_TYPE),
        ("/xl/worksheets/sheet1.xml", SHEET_TYPE),
        *([("/xl/sharedStrings.xml", STRINGS_TYPE)] if strings else []),
        *([("/xl/styles.xml", STYLES_TYPE)] if styles else []),
    ]
    parts = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{parts}</Types>'
    )


def _workbook_rels(strings: bool, styles: bool) -> str:
    links = [
        f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>',
        f'<Relationship Id="rId2" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        if strings
        else "",
        f'<Relationship Id="rId3" Type="{RELS}/styles" Target="/xl/styles.xml"/>' if styles else "",
    ]
    return f'<Relationships xmlns="{PACKAGE_RELS}">{"".join(links)}</Relationships>'


def sheet_xml(rows: str, *, dimension: str | None = None, prolog: str = "") -> str:
    dimension_tag = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'{prolog}<worksheet xmlns="{MAIN}">{dimension_tag}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )


def workbook(
    sheet: str | bytes | None = None,
    *,
    shared_strings: str | bytes | None = None,
    styles: str | None = None,
    workbook_properties: str = "",
    extra: dict[str, bytes] | None = None,
    compression: dict[str, int] | None = None,
) -> bytes:
    """An XLSX file: `sheet` (default: a header and one row) as its only sheet, `extra`
    members added as they are; `compression` names a member's compression method."""
    strings, styled = shared_strings is not None, styles is not None
    members = {
        "[Content_Types].xml": _content_types(strings, styled),
        "_rels/.rels": (
            f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}">{workbook_properties}<sheets>'
            '<sheet name="Sheet" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _workbook_rels(strings, styled),
        "xl/worksheets/sheet1.xml": sheet or sheet_xml(HEADER_ROW + DATA_ROW.format(r=2)),
        **({"xl/sharedStrings.xml": shared_strings} if strings else {}),
        **({"xl/styles.xml": styles} if styled else {}),
        **(extra or {}),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            method = (compression or {}).get(name, zipfile.ZIP_DEFLATED)
            data = content.encode() if isinstance(content, str) else content
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return out.getvalue()


def strings_xml(items: str, *, prolog: str = "") -> str:
    return f'{prolog}<sst xmlns="{MAIN}">{items}</sst>'


def shared_string_sheet(rows: int = 1) -> str:
    """A header and `rows` rows, each naming shared string 0."""
    body = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(2, rows + 2))
    return sheet_xml(HEADER_ROW + body)


# --- The bombs -----------------------------------------------------------------------------


def entity_expansion(levels: int = 9) -> bytes:
    """“Billion laughs”: ten references per level, 10**levels copies of a word, declared
    in the shared strings' DOCTYPE."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels + 1)
    ]
    prolog = f"<!DOCTYPE sst [{''.join(entities)}]>"
    table = strings_xml(f"<si><t>&lol{levels};</t></si>", prolog=prolog)
    return workbook(shared_string_sheet(), shared_strings=table)


def external_entity() -> bytes:
    """An external entity in the sheet: the reader must never open the named file."""
    prolog = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    row = '<row r="2"><c r="A2" t="inlineStr"><is><t>&secret;</t></is></c></row>'
    return workbook(sheet_xml(HEADER_ROW + row, prolog=prolog))


def shared_strings_bomb(count: int = 10_000_000) -> bytes:
    """`count` empty shared strings: some 10 bytes each once inflated, a few bytes each
    compressed (deflate's ratio is about 1000 to 1 on such a part)."""
    return workbook(shared_string_sheet(), shared_strings=strings_xml("<si><t/></si>" * count))


def bzip2_bomb(megabytes: int = 1024) -> bytes:
    """A shared-strings part of `megabytes` of one repeated string, bzip2-compressed (which
    zipfile reads, and Excel never writes): about a million to one."""
    out = io.BytesIO()
    table = strings_xml("<si><t>{}</t></si>")
    head, tail = table.split("{}")
    original = io.BytesIO(workbook(shared_string_sheet(), shared_strings=table))
    with (
        zipfile.ZipFile(original) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for item in src.infolist():
            if item.filename != "xl/sharedStrings.xml":
                archive.writestr(item.filename, src.read(item))
        info = zipfile.ZipInfo("xl/sharedStrings.xml")
        info.compress_type = zipfile.ZIP_BZIP2
        with archive.open(info, "w", force_zip64=True) as member:
            member.write(head.encode())
            block = b"A" * (1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
            member.write(tail.encode())
    return out.getvalue()


def sparse_dimension() -> bytes:
    """Two cells, but a declared used range of the whole sheet (16 384 columns by
    1 048 576 rows): a reader trusting it makes 17 billion empty cells."""
    return workbook(sheet_xml(HEADER_ROW + DATA_ROW.format(r=2), dimension="A1:XFD1048576"))


def wide_header(columns: int) -> str:
    cells = "".join(
        f'<c r="{get_column_letter(n)}1" t="inlineStr"><is><t>Column {n}</t></is></c>'
        for n in range(1, columns + 1)
    )
    return f'<row r="1">{cells}</row>'


def row_jump(to: int = 1_048_576, *, columns: int = 200) -> bytes:
    """A header of `columns` columns, one row, and one more row numbered `to`, without a
    declared range: a reader filling the gap makes a million rows of empty cells."""
    rows = wide_header(columns) + DATA_ROW.format(r=2) + DATA_ROW.format(r=to)
    return workbook(sheet_xml(rows))


def far_column() -> bytes:
    """A cell in the last column (XFD), far beyond the header."""
    row = '<row r="2"><c r="A2"><v>1</v></c><c r="XFD2"><v>1</v></c></row>'
    return workbook(sheet_xml(HEADER_ROW + row))


def wide_row(cells: int = 1_000_000) -> bytes:
    """One row of `cells` empty cells: a reader building the row holds them all."""
    row = '<row r="2">' + "<c/>" * cells + "</row>"
    return workbook(sheet_xml(HEADER_ROW + row))


def many_rows(rows: int = 1_000_000, *, dimension: bool = True) -> bytes:
    """A header and `rows` rows (with their declared range, as Excel writes it, or not)."""
    body = "".join(DATA_ROW.format(r=r) for r in range(2, rows + 2))
    return workbook(
        sheet_xml(HEADER_ROW + body, dimension=f"A1:A{rows + 1}" if dimension else None)
    )


def blank_rows(rows: int = 2_000_000) -> bytes:
    """A header, one row, then `rows` empty row elements: nothing to import, everything to
    read."""
    body = "".join(f'<row r="{r}"/>' for r in range(3, rows + 3))
    return workbook(sheet_xml(HEADER_ROW + DATA_ROW.format(r=2) + body))


def _noise(count: int) -> list[str]:
    """`count` short random words, so that a part does not compress a thousand to one."""
    chance = random.Random(14)
    return ["".join(chance.choices("abcdefgh", k=4)) for _ in range(count)]


def many_texts(count: int = 1_000_001) -> bytes:
    """A table of `count` distinct shared texts (compressing some 5 to 1)."""
    table = strings_xml("".join(f"<si><t>{word}</t></si>" for word in _noise(count)))
    return workbook(shared_string_sheet(), shared_strings=table)


def many_elements(count: int = 2_000_001) -> bytes:
    """`count` elements of no meaning in the sheet's data: no cell, all parsing."""
    junk = "".join(f'<x a="{word}"/>' for word in _noise(count))
    return workbook(sheet_xml(HEADER_ROW + DATA_ROW.format(r=2) + junk))


def many_cells(count: int = 499_000, *, columns: int = 200) -> bytes:
    """A header of `columns` columns, then `count` cells of numbers under it: all read."""
    values = iter(_noise(count))
    rows = []
    for r in range(2, count // columns + 2):
        cells = "".join(f"<c><v>{int(next(values), 18)}</v></c>" for _ in range(columns))
        rows.append(f'<row r="{r}">{cells}</row>')
    return workbook(sheet_xml(wide_header(columns) + "".join(rows)))


def many_members(count: int = 90_000) -> bytes:
    """`count` empty parts (each costs a reader an entry in memory)."""
    return workbook(extra={f"m/{n}": b"" for n in range(count)})


def csv_rows(rows: int = 1_000_000) -> bytes:
    return b"Name\r\n" + b"Anna\r\n" * rows


def csv_blank_lines(lines: int = 10_000_000) -> bytes:
    return b"Name\r\nAnna\r\n" + b"\n" * lines
