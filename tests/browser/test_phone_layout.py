"""Every coordinator page fits a 375 px wide phone: nothing wider than the screen except
inside the tables, which scroll on their own."""

import pytest

from tests import factories
from tests.selection import factories as selection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(alice, mobility):
    project = mobility.project
    call = selection.call(project, status="published")
    selection.score(selection.application(call), alice, 5, 5, 3)
    factories.group(project)
    return [
        "/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/mobilities/",
        f"/projects/{project.pk}/mobilities/new/",
        f"/projects/{project.pk}/budget/",
        f"/projects/{project.pk}/selection/",
        f"/selection/{call.pk}/",
        f"/mobilities/{mobility.pk}/",
        f"/participants/{mobility.participant_id}/",
        "/participants/",
        "/partners/",
        f"/plans/{project.erasmus_plan_id}/",
        "/rates/2026/",
    ]


def test_every_page_fits_a_phone(page_for, alice, pages, live_server):
    page = page_for(alice, width=375, height=740)
    too_wide = {}
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[path] = width
    assert too_wide == {}
