"""A coordinator picks a host in the mobility form and the destination follows: the
host's city and country are filled in, and the grant preview is computed from them. On a
laptop (1366 px), in Latvian."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def lv(message: str) -> str:
    with translation.override("lv"):
        return translation.gettext(message)


def test_picking_a_host_fills_in_the_destination(page_for, live_server, alice, project, host):
    learner = factories.learner(project.organisation, first_name="Elza", last_name="Krūmiņa")
    kaunas = factories.partner(
        project.organisation, name="Kauno centras", country="LT", city="Kaunas"
    )
    page = page_for(alice, width=1366, height=900, language="lv-LV")
    page.goto(f"{live_server.url}/projects/{project.pk}/mobilities/new/")
    expect(page.get_by_role("heading", name=lv("New mobility"))).to_be_visible()
    page.select_option("#id_participant", str(learner.pk))
    page.select_option("#id_activity_type", "learner_short_term")
    page.fill("#id_start_date", "01.09.2026")
    page.fill("#id_end_date", "28.09.2026")
    page.locator("input[name=goals]").first.check()
    city = page.locator("#id_destination_city")
    country = page.locator("#id_destination_country")
    expect(city).to_have_value("")

    page.select_option("#id_host", str(kaunas.pk))
    expect(city).to_have_value("Kaunas")
    expect(country).to_have_value("LT")
    expect(country.locator("option:checked")).to_have_text("Lietuva")

    # Another host: the city filled in for the first one follows, as does the country.
    page.select_option("#id_host", str(host.pk))
    expect(city).to_have_value("Valencia")
    expect(country).to_have_value("ES")
    expect(country.locator("option:checked")).to_have_text("Spānija")
    # The preview is computed for the host's city, in Latvian figures.
    expect(page.locator("#preview-total")).to_have_text("3\xa0265,00\xa0EUR")
