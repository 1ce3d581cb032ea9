"""A coordinator generates the grant agreements of a whole project, in Chromium: the
request only queues them, a real Celery worker (on a real Redis broker) renders them, and
the page shows "n of N done" as they come, without a reload, until every one can be
downloaded."""

import pytest
from django.utils import translation
from playwright.sync_api import expect

from reporting.models import GeneratedDocument
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]

MOBILITIES = 4


def lv(message: str) -> str:
    with translation.override("lv"):
        return translation.gettext(message)


def test_the_projects_agreements_are_generated_with_their_progress_shown(
    page_for, live_server, worker, alice, project, host
):
    for _n in range(MOBILITIES):
        factories.mobility(project, participant=factories.learner(project.organisation), host=host)
    page = page_for(alice, width=1366, language="lv-LV")
    page.goto(f"{live_server.url}/projects/{project.pk}/documents/")

    page.select_option("#id_kind", "grant_agreement")
    page.select_option("#id_language", "lv")
    page.get_by_role("button", name=lv("Generate"), exact=True).click()

    progress = page.locator("#batches [data-progress]").first
    expect(progress).to_be_visible()
    page.evaluate("window.notReloaded = true")  # the page the redirect led to
    done = f"{MOBILITIES}/{MOBILITIES}"
    expect(progress).to_have_attribute("data-progress", done, timeout=90_000)
    assert page.evaluate("window.notReloaded === true")  # htmx updated it in place
    documents = GeneratedDocument.objects.filter(project=project, kind="grant_agreement")
    assert [d.status for d in documents] == ["ready"] * MOBILITIES
    expect(page.locator("#document-table a[download]")).to_have_count(MOBILITIES, timeout=10_000)
