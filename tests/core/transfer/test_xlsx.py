"""Reading XLSX files: a workbook built to exhaust the reader is answered with one
sentence before it costs anything, and ordinary workbooks (as Excel, LibreOffice and
openpyxl write them) read as openpyxl reads them. How fast the hostile files are answered
is measured by bench/import_bombs.py."""

import io
import zipfile
from datetime import datetime

import openpyxl
import pytest
from django.urls import reverse

from core.transfer import ImportFileError, read_dataset
from core.transfer.xlsx import xlsx_rows
from tests.transfers.conftest import form_errors, upload, xlsx_file

from . import bombs

MAIN = bombs.MAIN
# openpyxl, the oracle of the ordinary workbooks, warns about their minimal styles.
pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")


def values(dataset):
    return [list(row) for row in dataset]


def refused(data, match):
    with pytest.raises(ImportFileError, match=match):
        read_dataset(data, "a.xlsx")


# --- The archive -------------------------------------------------------------------------


def test_a_billion_laughs_of_entities_is_refused_before_any_is_expanded():
    refused(bombs.entity_expansion(), "declares XML entities")


def test_an_external_entity_is_refused_and_never_opened():
    refused(bombs.external_entity(), "declares XML entities")


def test_a_doctype_in_a_part_that_is_never_read_is_refused_too():
    core = '<!DOCTYPE x [<!ENTITY a "a">]><coreProperties/>'
    refused(bombs.workbook(extra={"docProps/core.xml": core}), "declares XML entities")


def test_a_part_compressed_with_bzip2_is_refused_unread():
    refused(bombs.bzip2_bomb(megabytes=2), "compressed in a way spreadsheets do not use")


def test_a_part_unpacking_to_a_thousand_times_its_size_is_refused():
    refused(bombs.shared_strings_bomb(200_000), "more than 100 times its size")


def test_a_small_part_may_compress_well():
    # Some 400 KB compressing a thousand to one: refused over a megabyte, not under it.
    data = bombs.workbook(extra={"xl/theme/theme1.xml": "<a>" + "<b/>" * 100_000 + "</a>"})
    assert values(read_dataset(data, "a.xlsx")) == [["Anna"]]


def test_a_part_unpacking_beyond_the_size_its_directory_states_is_not_read_further():
    data = bytearray(bombs.many_rows(50_000))
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(b"xl/worksheets/sheet1.xml"))
    data[entry + 24 : entry + 28] = (4000).to_bytes(4, "little")  # its unpacked size, says the zip
    refused(bytes(data), "could not be read as an XLSX workbook")


def test_a_workbook_unpacking_beyond_the_limit_is_refused(settings):
    settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = 1024 * 1024
    refused(bombs.many_texts(100_000), "unpacks to more than 1 MB")


def test_a_workbook_of_too_many_parts_is_refused(settings):
    settings.IMPORT_XLSX_MAX_PARTS = 20
    refused(bombs.many_members(20), "more than 20 parts")


def test_a_directory_claiming_few_parts_but_holding_many_is_refused(settings):
    settings.IMPORT_XLSX_MAX_PARTS = 20
    data = bytearray(bombs.many_members(200))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = (5).to_bytes(2, "little") * 2  # 5 parts, says the end record
    refused(bytes(data), "more than 20 parts")


def test_a_zip_without_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "hello")
    refused(out.getvalue(), "could not be read as an XLSX workbook")


# --- The sheet ---------------------------------------------------------------------------


def test_a_declared_range_of_the_whole_sheet_is_refused():
    refused(bombs.sparse_dimension(), "used range A1:XFD1048576 spans more than 500000 cells")


def test_a_row_a_million_rows_down_is_read_without_the_rows_between():
    rows = list(xlsx_rows(bombs.row_jump(), max_columns=200))
    assert [line for line, _values in rows] == [1, 2, 1_048_576]
    dataset = read_dataset(bombs.row_jump(), "a.xlsx")
    assert dataset.line_numbers == [2, 1_048_576]


def test_cells_beyond_the_header_are_counted_but_not_kept():
    rows = list(xlsx_rows(bombs.far_column(), max_columns=200))
    assert rows[1] == (2, [1])
    assert values(read_dataset(bombs.far_column(), "a.xlsx")) == [[1]]


def test_a_row_of_more_cells_than_the_limit_is_refused(settings):
    settings.IMPORT_MAX_CELLS = 1000
    refused(bombs.wide_row(1500), "more than 1000 cells, empty ones included")


def test_empty_rows_count_towards_the_cell_limit(settings):
    settings.IMPORT_MAX_CELLS = 1000
    refused(bombs.blank_rows(1500), "more than 1000 cells, empty ones included")


def test_a_sheet_of_elements_that_are_no_cells_is_refused(settings):
    settings.IMPORT_MAX_CELLS = 1000
    refused(bombs.many_elements(3001), "more than 3000 XML elements")


def test_elements_are_counted_before_the_part_is_parsed(settings):
    settings.IMPORT_MAX_CELLS = 1000
    sheet = bombs.sheet_xml(bombs.HEADER_ROW + "<x/>" * 3001).replace("</worksheet>", "<x")
    refused(bombs.workbook(sheet), "more than 3000 XML elements")


def test_a_table_of_more_texts_than_the_limit_is_refused(settings):
    settings.IMPORT_MAX_CELLS = 1000
    table = bombs.strings_xml("<si/>" * 1001)
    refused(
        bombs.workbook(bombs.shared_string_sheet(), shared_strings=table), "more than 1000 texts"
    )


def test_a_text_longer_than_a_cell_holds_is_refused():
    row = f'<row r="2"><c r="A2" t="inlineStr"><is><t>{"a" * 32_768}</t></is></c></row>'
    refused(bombs.workbook(bombs.sheet_xml(bombs.HEADER_ROW + row)), "longer than 32767")


def test_a_million_rows_are_answered_after_the_row_limit(settings):
    settings.IMPORT_MAX_ROWS = 10
    refused(bombs.many_rows(1000, dimension=False), "more than 10 rows")


def test_nothing_after_the_sheets_data_is_read():
    merged = "<mergeCells>" + '<mergeCell ref="A1:B2"/>' * 10 + "</mergeCells><broken"
    sheet = bombs.sheet_xml(bombs.HEADER_ROW + bombs.DATA_ROW.format(r=2)).replace(
        "</sheetData>", "</sheetData>" + merged
    )
    assert values(read_dataset(bombs.workbook(sheet), "a.xlsx")) == [["Anna"]]


# --- Ordinary workbooks: as openpyxl reads them ------------------------------------------

STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1">'
    '<numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>'
    '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
    '<xf numFmtId="4"/></cellXfs></styleSheet>'
)
STRINGS = bombs.strings_xml(
    "<si><t>Vārds</t></si><si><t>Dzimis</t></si><si><t>EQF</t></si><si><t>Jā</t></si>"
    '<si><r><t>Ausias </t></r><r><rPr><b/></rPr><t xml:space="preserve">March </t></r>'
    '<rPh sb="0" eb="6"><t>おーしあす</t></rPh></si>'
    "<si><t>under_x005F_score</t></si>"
)
HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'  # noqa: E501
ROWS = (
    '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>38354</v></c>'
    '<c r="C2"><v>4</v></c><c r="D2" t="b"><v>1</v></c></row>'
    '<row r="4"><c r="A4" t="inlineStr"><is><t> Ķirsis </t></is></c>'
    '<c r="B4" s="2"><v>38354.5</v></c><c r="C4" s="3"><v>4.25</v></c>'
    '<c r="D4" t="e"><v>#N/A</v></c></row>'
    '<row r="5"><c r="A5" t="s"><v>5</v></c><c r="B5" t="str"><f>A5&amp;"!"</f><v>x!</v></c>'
    '<c r="C5" t="d"><v>2026-09-01T00:00:00</v></c><c r="D5"><f>1+1</f><v>2</v></c></row>'
)


def ordinary(**options) -> bytes:
    sheet = options.pop("sheet", bombs.sheet_xml(HEADER + ROWS, dimension="A1:D5"))
    return bombs.workbook(sheet, shared_strings=STRINGS, styles=STYLES, **options)


def openpyxl_rows(data: bytes) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return [(row + [None] * 4)[:4] for row in rows if any(v is not None for v in row)]


def our_rows(data: bytes) -> list[list]:
    return [(v + [None] * 4)[:4] for _line, v in xlsx_rows(data, max_columns=200)]


def test_an_excel_workbook_reads_as_openpyxl_reads_it():
    data = ordinary()
    assert our_rows(data) == openpyxl_rows(data)
    assert our_rows(data)[1] == ["Ausias March ", datetime(2005, 1, 2), 4, True]


def test_dates_follow_a_1904_workbook_as_openpyxl_does():
    data = ordinary(workbook_properties='<workbookPr date1904="1"/>')
    assert our_rows(data) == openpyxl_rows(data)
    assert our_rows(data)[1][1] == datetime(2009, 1, 3)


def test_prefixed_names_and_cells_without_references_read_as_openpyxl_reads_them():
    prefixed = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row><x:c t="inlineStr"><x:is>'
        '<x:t>Name</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row><x:row><x:c t="s">'
        "<x:v>3</x:v></x:c><x:c/><x:c><x:v>1.5</x:v></x:c></x:row></x:sheetData></x:worksheet>"
    )
    data = ordinary(sheet=prefixed)
    assert (
        our_rows(data)
        == openpyxl_rows(data)
        == [
            ["Name", 7, None, None],
            ["Jā", None, 1.5, None],
        ]
    )


def test_a_workbook_written_by_openpyxl_reads_as_before():
    rows = [["Name", "Born", "EQF", "Fee"], ["Anna", datetime(2005, 1, 2), 4, 12.5]]
    data = xlsx_file(rows + [[None], ["=SUM(C2:C3)", True, None, "x"]])
    assert our_rows(data) == openpyxl_rows(data)


def test_a_shared_formula_is_read_as_a_formula_in_each_of_its_cells():
    rows = (
        '<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">B2*2</f><v>2</v></c></row>'
        '<row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c></row>'
    )
    data = bombs.workbook(bombs.sheet_xml(bombs.HEADER_ROW + rows))
    assert values(read_dataset(data, "a.xlsx")) == [["=B2*2"], ["=B2*2"]]


def test_a_workbook_whose_first_sheet_is_a_chart_reads_its_first_worksheet():
    with zipfile.ZipFile(io.BytesIO(bombs.workbook())) as source:
        parts = {item.filename: source.read(item) for item in source.infolist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        b"<sheets>", b'<sheets><sheet name="Chart" sheetId="2" r:id="rId9"/>'
    )
    chart = f'<Relationship Id="rId9" Type="{bombs.RELS}/chartsheet" Target="chartsheets/c.xml"/>'
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", chart.encode() + b"</Relationships>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    assert values(read_dataset(out.getvalue(), "a.xlsx")) == [["Anna"]]


# --- On the upload form: one sentence, never a 500 ---------------------------------------

BOMBS = {
    "entities": (lambda: bombs.entity_expansion(), "declares XML entities"),
    "bzip2": (lambda: bombs.bzip2_bomb(megabytes=2), "compressed in a way"),
    "ratio": (lambda: bombs.shared_strings_bomb(200_000), "more than 100 times its size"),
    "range": (lambda: bombs.sparse_dimension(), "spans more than 500000 cells"),
    "many rows": (lambda: bombs.many_rows(30_000), "more than 20000 rows"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("bomb", BOMBS)
def test_a_hostile_workbook_gets_one_sentence_on_the_upload_form(alice_client, bomb):
    build, sentence = BOMBS[bomb]
    response = upload(alice_client, reverse("transfers:participant_import"), build(), "bomb.xlsx")
    assert response.status_code == 200
    assert sentence in form_errors(response)
