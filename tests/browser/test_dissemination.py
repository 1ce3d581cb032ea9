"""A coordinator keeps the project's dissemination log in Chromium, in Latvian: a lesson
given by a learner back from Valencia is recorded with a photo (the date typed as Latvian
writes it), the list is filtered to what reached people outside the school, and an event
recorded by mistake is deleted after the confirmation page names it."""

from datetime import date

import pytest
from playwright.sync_api import expect

from results import dissemination
from results.models import DisseminationEvent
from tests import upload_files
from tests.results.rows import event_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def open_day(project):
    return dissemination.event_save(
        event=DisseminationEvent(project=project),
        data=event_data(
            project,
            held_on=date(2026, 11, 28),
            kind="open_day",
            title="Atvērto durvju diena",
            audience="9. klašu skolēni un vecāki",
            audience_size=1240,
            reach="outside",
        ),
    )


def test_a_coordinator_records_an_event_with_a_photo_filters_and_deletes_one(
    page_for, live_server, alice, project, mobility, open_day, tmp_path
):
    photo = tmp_path / "stunda.png"
    photo.write_bytes(upload_files.png())
    page = page_for(alice, width=1366, language="lv")
    list_url = f"{live_server.url}/projects/{project.pk}/dissemination/"
    page.goto(list_url)
    expect(page.locator('[data-total="outside"]')).to_have_text("1\xa0240")

    page.locator("#event-create").click()
    page.fill("#id_held_on", "15.10.2026.")
    page.locator("#id_kind").select_option("lesson")
    page.fill("#id_title", "Prakse Valensijā")
    page.fill("#id_audience", "2. kursa viesmīlības audzēkņi")
    page.fill("#id_audience_size", "24")
    page.locator('input[name="reach"][value="inside"]').check()
    page.fill("#id_presented_by", "Marta Bērziņa")
    page.locator("#id_mobility").select_option(str(mobility.pk))
    page.locator("#id_evidence_file").set_input_files(str(photo))
    page.locator("#event-form button[type=submit]").click()

    page.wait_for_url(list_url)
    expect(page.get_by_role("status")).to_contain_text("Prakse Valensijā")
    rows = page.locator("#event-list tbody tr")
    expect(rows).to_have_count(2)
    lesson = DisseminationEvent.objects.get(kind="lesson")
    assert (lesson.held_on, lesson.mobility, lesson.evidence_name) == (
        date(2026, 10, 15),
        mobility,
        "stunda.png",
    )
    expect(rows.first).to_have_attribute("data-event", str(open_day.pk))  # newest first
    expect(page.locator(f'tr[data-event="{lesson.pk}"]')).to_contain_text("15.10.2026.")
    expect(page.locator('[data-total="events"]')).to_have_text("2")
    expect(page.locator('[data-total="inside"]')).to_have_text("24")

    page.locator("#filter-reach").select_option("outside")
    page.locator("form[role=search] button[type=submit]").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-reach", "outside")
    expect(page.locator('[data-total="events"]')).to_have_text("1")
    expect(page.locator('[data-total="inside"]')).to_have_text("0")

    rows.first.get_by_role("link", name="28.11.2026.").click()
    page.locator("#event-delete").click()
    expect(page.locator("#confirmation")).to_contain_text("Atvērto durvju diena")
    page.locator("#confirmation-form button[type=submit]").click()
    page.wait_for_url(list_url)
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-event", str(lesson.pk))
    assert list(DisseminationEvent.objects.values_list("kind", flat=True)) == ["lesson"]
    assert DisseminationEvent.history.filter(id=open_day.pk, history_type="-").exists()
