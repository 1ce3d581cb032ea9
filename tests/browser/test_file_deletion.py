"""A coordinator keeps a scanned signed agreement on a mobility, deletes it through the
confirmation page, and finds the deletion in the mobility's history: at 1366 px, in
Latvian."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from mobilities.models import MobilityFile
from tests import upload_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = upload_files.pdf()


@pytest.fixture
def alice(alice):
    alice.first_name, alice.last_name = "Anna", "Ozola"
    alice.save()
    return alice


def test_a_coordinator_deletes_a_file_after_confirming_and_sees_it_in_the_history(
    page_for, live_server, alice, mobility
):
    page = page_for(alice, width=1366, height=900, language="lv")
    page.goto(f"{live_server.url}/mobilities/{mobility.pk}/")
    files = page.locator("#files")
    files.locator("#id_kind").select_option("grant_agreement")
    files.locator("#id_file").set_input_files(
        files=[{"name": "parakstits-ligums.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    files.get_by_role("button", name="Augšupielādēt").click()
    expect(page.get_by_role("status")).to_contain_text("Fails augšupielādēts.")
    stored = MobilityFile.objects.get()
    path = Path(stored.file.path)
    assert path.exists()

    page.locator("#files").get_by_role("link", name="Dzēst parakstits-ligums.pdf").click()
    expect(page.get_by_role("heading", name="Dzēst failu parakstits-ligums.pdf?")).to_be_visible()
    facts = page.locator("#confirmation-facts")
    expect(facts).to_contain_text("Dotācijas līgums")
    expect(facts).to_contain_text("Anna Ozola")
    expect(page.locator("#confirmation-losses")).to_contain_text("Pats fails")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    assert MobilityFile.objects.exists()

    page.get_by_role("button", name="Dzēst failu").click()
    page.wait_for_url(f"{live_server.url}/mobilities/{mobility.pk}/#files")
    expect(page.get_by_role("status")).to_contain_text("Fails parakstits-ligums.pdf izdzēsts.")
    expect(page.locator("#files ul")).not_to_contain_text("parakstits-ligums.pdf")
    # The message is where the page leads, in the files section, not out of sight at the top.
    expect(page.locator("#files [role=status]")).to_be_in_viewport()
    history = page.locator("#history")
    expect(history).to_contain_text(
        "Anna Ozola: Dzēsts fails “parakstits-ligums.pdf” (Dotācijas līgums)"
    )
    assert not MobilityFile.objects.exists()
    assert not path.exists()
