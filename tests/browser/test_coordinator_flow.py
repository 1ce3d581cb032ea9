"""A coordinator's day in a real browser: add a participant and a mobility while the
grant preview follows the form, then see the dashboard in Latvian."""

from datetime import date

import pytest
from playwright.sync_api import expect

from mobilities.models import Mobility
from participants.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_plans_a_mobility_and_watches_the_grant(
    page_for, alice, project, host, live_server
):
    # An American browser: dates are still typed day first, as the portal writes them.
    page = page_for(alice, language="en-US")

    page.get_by_role("link", name="Participants", exact=True).first.click()
    page.get_by_role("link", name="New participant").click()
    page.select_option("#id_kind", "learner")
    expect(page.locator("fieldset[data-show-for=staff]")).to_be_hidden()
    page.fill("#id_first_name", "Elza")
    page.fill("#id_last_name", "Krūmiņa")
    page.fill("#id_date_of_birth", "2005-05-05")
    page.fill("#id_vet_programme", "Dizains")
    page.fill("#id_qualification", "Interjera dizaina speciālists")
    page.fill("#id_eqf_level", "4")
    page.select_option("#id_learner_status", "enrolled")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Elza Krūmiņa")).to_be_visible()
    learner = Participant.objects.get(last_name="Krūmiņa")

    page.goto(f"{live_server.url}/projects/{project.pk}/mobilities/new/")
    page.select_option("#id_participant", str(learner.pk))
    page.select_option("#id_activity_type", "learner_short_term")
    page.select_option("#id_host", str(host.pk))
    page.fill("#id_destination_city", "Valencia")
    page.select_option("#id_destination_country", "ES")
    page.fill("#id_start_date", "01.03.2027")
    page.fill("#id_end_date", "28/03/2027")
    page.locator("input[name=goals]").first.check()
    preview = page.locator("#grant-preview")
    expect(page.locator("#preview-total")).to_have_text("3,265.00\xa0EUR")
    expect(preview).to_contain_text("standard travel: 395.00 EUR")

    page.locator("#id_green_travel").check()
    expect(preview).to_contain_text("green travel: 535.00 EUR")
    expect(page.locator("#preview-total")).to_have_text("3,405.00\xa0EUR")

    page.fill("#id_travel_days", "7")
    page.locator("#id_travel_days").blur()
    expect(page.locator("#preview-errors")).to_contain_text("At most 6 travel days")
    page.fill("#id_travel_days", "4")
    page.locator("#id_travel_days").blur()
    expect(page.locator("#preview-total")).to_have_text("3,545.00\xa0EUR")

    page.get_by_role("button", name="Save").click()
    expect(page.locator("[data-figure=grant-total]")).to_have_text("3,545.00\xa0EUR")
    mobility = Mobility.objects.get()
    assert mobility.grant.total == 3545
    assert (mobility.start_date, mobility.end_date) == (date(2027, 3, 1), date(2027, 3, 28))

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.select_option("#language", "lv")
    expect(page.get_by_role("heading", name="Darāmais")).to_be_visible()
    expect(page.locator("[data-figure=planned-total]")).to_have_text("3\xa0545,00\xa0EUR")
    expect(page.locator("#activity-status")).to_contain_text("Audzēkņu īstermiņa mācību mobilitāte")


def test_the_mobility_form_works_on_a_phone(page_for, alice, project, live_server):
    page = page_for(alice, width=375, height=740)
    page.goto(f"{live_server.url}/projects/{project.pk}/mobilities/new/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to content" in focused
