"""Reading uploaded spreadsheets: every way a file can be unreadable gets one sentence."""

import codecs

import pytest

from core.transfer import ImportFileError, read_dataset
from tests.transfers.conftest import csv_file, xlsx_file

ROWS = [["Vārds", "Uzvārds"], ["Jānis", "Bērziņš"], ["Ķirsis", "Ūdris"]]


def values(dataset):
    return [list(row) for row in dataset]


def test_a_utf8_csv_with_commas_is_read():
    dataset = read_dataset(csv_file(ROWS), "a.csv")
    assert dataset.headers == ["Vārds", "Uzvārds"]
    assert values(dataset) == [["Jānis", "Bērziņš"], ["Ķirsis", "Ūdris"]]


def test_latvian_excel_csv_with_semicolons_and_a_byte_order_mark_is_read():
    data = codecs.BOM_UTF8 + csv_file(ROWS, delimiter=";")
    assert values(read_dataset(data, "a.csv"))[0] == ["Jānis", "Bērziņš"]


def test_a_windows_1257_csv_is_read():
    data = csv_file(ROWS, delimiter=";", encoding="cp1257")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert values(read_dataset(data, "a.csv"))[1] == ["Ķirsis", "Ūdris"]


def test_a_utf16_tab_separated_file_from_excel_is_read():
    data = codecs.BOM_UTF16_LE + csv_file(ROWS, delimiter="\t").decode().encode("utf-16-le")
    assert values(read_dataset(data, "a.csv"))[0] == ["Jānis", "Bērziņš"]


def test_a_comma_inside_a_quoted_value_stays_in_its_cell():
    data = b'Name,City\r\n"Ausias March, CIPFP",Valencia\r\n'
    assert values(read_dataset(data, "a.csv")) == [["Ausias March, CIPFP", "Valencia"]]


def test_blank_rows_are_skipped_and_rows_keep_their_line_numbers():
    data = b"Name,City\r\n\r\nAnna,Riga\r\n,\r\nBen,Cesis\r\n"
    dataset = read_dataset(data, "a.csv")
    assert values(dataset) == [["Anna", "Riga"], ["Ben", "Cesis"]]
    assert dataset.line_numbers == [3, 5]


@pytest.mark.parametrize("data", [b"", b"   \r\n", codecs.BOM_UTF8, b",,\r\n,,\r\n"])
def test_an_empty_file_is_refused(data):
    with pytest.raises(ImportFileError, match="The file is empty"):
        read_dataset(data, "a.csv")


def test_a_file_with_only_headers_is_refused():
    with pytest.raises(ImportFileError, match="no rows to import"):
        read_dataset(b"Name,City\r\n", "a.csv")


def test_a_file_in_an_unknown_encoding_is_refused_with_advice():
    binary = bytes(range(256)) * 4
    with pytest.raises(ImportFileError, match="CSV UTF-8"):
        read_dataset(binary, "a.csv")


def test_an_old_excel_file_is_refused_with_advice():
    with pytest.raises(ImportFileError, match="save it from the spreadsheet as XLSX or CSV"):
        read_dataset(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "a.xls")


def test_a_damaged_workbook_is_refused():
    with pytest.raises(ImportFileError, match="could not be read as an XLSX workbook"):
        read_dataset(b"PK\x03\x04 not really a zip", "a.xlsx")


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ImportFileError, match="larger than 1 MB"):
        read_dataset(b"Name\r\n" + b"x" * (1024 * 1024), "a.csv")


def test_a_file_over_the_row_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(ImportFileError, match="more than 2 rows"):
        read_dataset(csv_file([["Name"], ["a"], ["b"], ["c"]]), "a.csv")


def test_a_row_longer_than_the_header_is_explained():
    with pytest.raises(ImportFileError, match="Line 2 has more cells than the header"):
        read_dataset(b"Name,City\r\nAusias March, CIPFP,Valencia\r\n", "a.csv")


def test_a_column_without_a_header_is_refused():
    with pytest.raises(ImportFileError, match="Column 2 has no header"):
        read_dataset(b"Name,,City\r\nAnna,x,Riga\r\n", "a.csv")


def test_a_workbook_is_read_from_its_first_sheet_with_dates_and_numbers():
    from datetime import datetime

    dataset = read_dataset(xlsx_file([["Name", "Born", "EQF"], ["Anna", datetime(2005, 1, 2), 4]]))
    assert values(dataset) == [["Anna", datetime(2005, 1, 2), 4]]


def test_a_formula_in_a_workbook_is_read_as_the_formula_not_its_result():
    dataset = read_dataset(xlsx_file([["Name", "Total"], ["Anna", "=1+1"]]), "a.xlsx")
    assert values(dataset) == [["Anna", "=1+1"]]


def test_blank_lines_beyond_the_cell_limit_are_refused_as_they_cost_time_too(settings):
    settings.IMPORT_MAX_CELLS = 1000
    data = b"Name\r\nAnna\r\n" + b"\r\n" * 1000
    with pytest.raises(ImportFileError, match="more than 1000 cells, empty ones included"):
        read_dataset(data, "a.csv")


def test_a_csv_within_the_cell_limit_is_read(settings):
    settings.IMPORT_MAX_CELLS = 1000
    data = b"Name,City\r\n" + b"Anna,Riga\r\n" * 400 + b"\r\n" * 100
    assert len(read_dataset(data, "a.csv")) == 400
