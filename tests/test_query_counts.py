"""Pages make a fixed number of queries, whatever the number of rows."""

from datetime import date

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

MAX_QUERIES = 14


@pytest.fixture(params=[1, 50], ids=["1 row", "50 rows"])
def filled_project(request, project, host):
    plan_goals = list(project.erasmus_plan.goals.all())
    for n in range(request.param):
        learner = factories.learner(
            project.organisation,
            fewer_opportunities=n % 3 == 0,
            fewer_opportunities_categories=["economic"] if n % 3 == 0 else [],
        )
        factories.mobility(
            project,
            participant=learner,
            host=host,
            goals=plan_goals,
            start_date=date(2026, 9, 1 + n % 20),
            end_date=date(2026, 10, 1 + n % 20),
        )
    return project


PAGES = {
    "home": lambda p: reverse("home"),
    "project": lambda p: reverse("project_detail", args=[p.pk]),
    "budget": lambda p: reverse("project_budget", args=[p.pk]),
    "plan": lambda p: reverse("plan_detail", args=[p.erasmus_plan_id]),
    "partner": lambda p: reverse("partner_detail", args=[p.mobilities.first().host_id]),
    "participant": lambda p: reverse(
        "participant_detail", args=[p.mobilities.first().participant_id]
    ),
    "mobility": lambda p: reverse("mobility_detail", args=[p.mobilities.first().pk]),
    "rates": lambda p: reverse("rates", args=[p.call_year]),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_page_makes_a_fixed_number_of_queries(
    client, alice, filled_project, page, django_assert_max_num_queries
):
    url = PAGES[page](filled_project)
    client.force_login(alice)
    client.get(url)  # warm caches that are not per request (e.g. content types)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200
