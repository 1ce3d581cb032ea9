"""A coordinator downloads the project's Beneficiary Module file, the Module's copy of it
comes back with a later end date, and the comparison page shows that one difference: at
1366 px, in Latvian."""

import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.test_every_page import AXE, RUN_AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def later_end(content: bytes) -> bytes:
    """The file as the Module would export it after the stay was extended by two days."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("End date") + 1).value = datetime(2026, 9, 30)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_coordinator_sees_what_the_modules_file_says_otherwise(
    page_for, live_server, alice, project, mobility
):
    page = page_for(alice, width=1366, height=900, language="lv")
    page.goto(f"{live_server.url}/projects/{project.pk}/mobilities/")
    page.get_by_role("button", name="Eksports uz Beneficiary Module").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX", exact=True).click()
    content = later_end(Path(download.value.path()).read_bytes())

    page.get_by_role("button", name="Eksports uz Beneficiary Module").click()
    page.get_by_role("link", name="Salīdzināt ar Beneficiary Module failu").click()
    expect(page.get_by_role("heading", name="Salīdzināšana ar Beneficiary Module")).to_be_visible()
    page.locator("#id_file").set_input_files(
        files=[{"name": "module.xlsx", "mimeType": "application/octet-stream", "buffer": content}]
    )
    page.get_by_role("button", name="Salīdzināt", exact=True).click()

    expect(page.locator("#comparison-counts")).to_contain_text("atšķirīgas: 1")
    differences = page.locator("#comparison-differences")
    expect(differences).to_contain_text(mobility.reference)
    expect(differences.locator("tbody tr")).to_have_count(1)
    expect(differences.locator("tbody tr")).to_contain_text("End date")
    expect(differences.locator("tbody tr")).to_contain_text("28.09.2026.")
    expect(differences.locator("tbody tr")).to_contain_text("30.09.2026.")
    expect(page.locator("#comparison-only-in-file")).to_have_count(0)
    expect(page.locator("#comparison-only-in-portal")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    if AXE.exists():  # the result is not among the pages tests/browser/test_every_page.py opens
        page.evaluate(AXE.read_text())
        assert page.evaluate(RUN_AXE) == []
