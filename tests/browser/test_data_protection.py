"""Data protection in a real Chromium, in Latvian: a coordinator erases a participant through
the confirmation page on a laptop (1366 px), and a learner downloads her data from the
portal on a phone (375 px)."""

import json
import zipfile
from datetime import date

import pytest

from participants.models import Participant
from privacy.models import DataExport, Erasure
from tests import factories
from tests.portal.helpers import portal_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def test_a_coordinator_erases_a_participant_after_the_confirmation(
    page_for, live_server, alice, project, host
):
    learner = factories.learner(
        project.organisation,
        first_name="Žanete",
        last_name="Ķēniņa",
        date_of_birth=date(2010, 3, 4),
        email="zanete@example.lv",
        national_id="040310-12345",
        guardian_name="Ģirts Ķēniņš",
        guardian_email="girts@example.lv",
    )
    factories.mobility(project, participant=learner, host=host, notes="Rīta maiņa.")
    page = page_for(alice, width=1366, height=900, language="lv-LV")
    page.goto(f"{live_server.url}/participants/{learner.pk}/")

    page.get_by_role("link", name="Dzēst personas datus…").click()
    page.wait_for_url(f"{live_server.url}/privacy/participants/{learner.pk}/erase/")
    assert fits(page, 1366)
    assert page.locator("#erasure-removed").get_by_text("Vārds, e-pasts, tālrunis").is_visible()
    assert page.locator("#erasure-kept").get_by_text("1 mobilitāte").is_visible()
    page.get_by_role("button", name="Dzēst personas datus").click()  # no reason yet
    assert page.get_by_text("Norādiet dzēšanas iemeslu.").is_visible()
    assert Participant.objects.get(pk=learner.pk).first_name == "Žanete"

    page.fill("#id_reason", "Rakstisks pieprasījums 2026. gada 1. decembrī.")
    page.get_by_role("button", name="Dzēst personas datus").click()

    erasure = Erasure.objects.get()
    page.wait_for_url(f"{live_server.url}/privacy/erasures/{erasure.pk}/")
    assert page.get_by_text("Dalībnieka personas dati ir dzēsti.").is_visible()
    assert (
        page.locator("#erasure-title").inner_text() == f"Dzēšana: Dzēsts dalībnieks #{learner.pk}"
    )
    assert page.get_by_text("Saglabā, un kāpēc").is_visible()
    assert fits(page, 1366)
    learner.refresh_from_db()
    assert (learner.first_name, learner.email, learner.national_id) == ("Dzēsts dalībnieks", "", "")


def test_a_learner_downloads_her_data_from_the_portal_on_a_phone(page_for, live_server, school):
    learner = factories.learner(
        school, first_name="Marta", last_name="Bērziņa", email="marta@example.lv"
    )
    marta = portal_user(learner, username="marta")
    page = page_for(marta, width=375, height=740, language="lv-LV", landing="/portal/")

    page.get_by_role("link", name="Mani dati: lejupielādēt visu, ko skola glabā par mani").click()
    page.wait_for_url(f"{live_server.url}/portal/my-data/")
    assert fits(page, 375)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Lejupielādēt manus datus (ZIP)").click()
    download = downloading.value

    assert download.suggested_filename.startswith(f"personal-data-{learner.pk}-participant-")
    archive = zipfile.ZipFile(download.path())
    data = json.loads(archive.read("data.json"))
    (section,) = [s for s in data["sections"] if s["key"] == "participants.Participant"]
    fields = {f["field"]: f for f in section["records"][0]["fields"]}
    assert fields["first_name"]["value"] == "Marta"
    assert fields["first_name"]["label"] == "Vārds"
    assert DataExport.objects.get().via == "portal"
