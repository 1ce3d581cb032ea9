"""From selection to mobility in Chromium, in Latvian at 1366 px: the coordinator records a
selection held on paper and closes it, records a withdrawal after the decision (the next on
the waiting list moves up) and turns the selected applicants into planned mobilities."""

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from mobilities.models import Mobility
from participants.models import SelectionApplication
from selection import services
from tests import factories
from tests.selection import factories as sel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def lv(message: str, **values) -> str:
    with translation.override("lv"):
        return translation.gettext(message) % values if values else translation.gettext(message)


def test_a_paper_selection_is_closed_a_withdrawal_recorded_and_mobilities_created(
    page_for, live_server, alice, project, host
):
    organisation = project.organisation
    paper = sel.call(project, title="Prakse Rīgā no papīra")
    decided = sel.call(project, status="published", places=2, title="Prakse Valensijā")
    names = ["Kalniņa", "Liepa", "Ozola"]
    applications = {}
    for n, name in enumerate(names):
        application = sel.application(
            decided, factories.learner(organisation, first_name="Anna", last_name=name)
        )
        sel.score(application, alice, 9 - n, 9 - n, 5 - n)
        applications[name] = application
    services.call_close(call=decided)
    decisions = {
        applications["Kalniņa"].pk: ("selected", ""),
        applications["Liepa"].pk: ("selected", ""),
        applications["Ozola"].pk: ("waiting_list", "Gaidīšanas saraksta 1. vieta."),
    }
    services.decisions_save(call=decided, decided_by=alice, decisions=decisions)
    services.call_finalise(call=decided, decided_by=alice)

    page = page_for(alice, width=1366, language="lv-LV")

    # A selection held on paper: published as a record, then closed.
    page.goto(f"{live_server.url}/selection/{paper.pk}/")
    page.get_by_role("link", name=lv("Record a selection held on paper")).click()
    page.get_by_label(
        lv(
            "I confirm that this selection was held on paper and that what I record is "
            "what was published, received and decided then."
        )
    ).check()
    page.get_by_role("button", name=lv("Publish as a record of a paper selection")).click()
    expect(page.locator("#paper-record")).to_be_visible()
    page.get_by_role("button", name=lv("Close the call")).click()
    expect(page.locator(".alert-success")).to_contain_text(lv("The call is closed."))

    # A withdrawal after the decision: Ozola moves up.
    page.goto(f"{live_server.url}/selection/{decided.pk}/")
    page.locator(f'tr[data-application="{applications["Liepa"].pk}"]').get_by_role(
        "link", name=lv("Withdrawal")
    ).click()
    expect(page.locator("#successor")).to_contain_text("Anna Ozola")
    page.fill("#id_withdrawn_on", timezone.localdate().strftime("%d.%m.%Y."))
    page.fill("#id_reason", "Veselības dēļ.")
    page.get_by_role("button", name=lv("Record the withdrawal")).click()
    expect(page.locator(".alert-success")).to_contain_text("Anna Ozola")
    assert SelectionApplication.objects.get(pk=applications["Ozola"].pk).decision == "selected"

    # The plan of the mobilities, then the mobilities.
    page.get_by_role("link", name=lv("Create mobilities")).click()
    page.get_by_role("link", name=lv("Change the plan")).click()
    page.select_option("#id_mobility_activity_type", "learner_short_term")
    page.select_option("#id_mobility_goal", index=1)
    page.select_option("#id_mobility_host", str(host.pk))
    page.fill("#id_mobility_starts_on", "01.03.2027.")
    page.fill("#id_mobility_ends_on", "26.03.2027.")
    page.get_by_role("button", name=lv("Save")).click()
    rows = page.locator("#pending tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#pending")).to_contain_text("01.03.2027.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.get_by_role("button", name=lv("Create the planned mobilities")).click()
    expect(page.locator("#created li")).to_have_count(2)
    created = Mobility.objects.filter(project=project, status="planned")
    assert sorted(m.participant.last_name for m in created) == ["Kalniņa", "Ozola"]
