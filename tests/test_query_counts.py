"""Pages make a fixed number of queries, whatever the number of rows: each page is
measured with 1 and with 50 mobilities (and their participants), and must stay under its
bound both times with the same count."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mobilities.services import monitoring_note_add
from projects.models import Membership, Project
from tests import factories
from tests.snapshot import take_steps

pytestmark = pytest.mark.django_db

PAGES = {
    "projects:home": (lambda p, m: reverse("projects:home"), 12),
    "dashboard": (lambda p, m: reverse("dashboard:project_detail", args=[p.pk]), 22),
    "mobility list": (lambda p, m: reverse("mobilities:mobility_list", args=[p.pk]), 14),
    "mobility list filtered": (
        lambda p, m: (
            reverse("mobilities:mobility_list", args=[p.pk]) + "?fewer=yes&sort=-grant&q=a"
        ),
        14,
    ),
    "budget": (lambda p, m: reverse("budget:project_budget", args=[p.pk]), 12),
    "plan": (lambda p, m: reverse("projects:plan_detail", args=[p.erasmus_plan_id]), 10),
    "plans": (lambda p, m: reverse("projects:plan_list"), 10),
    "partners": (lambda p, m: reverse("projects:partner_list"), 10),
    "partner": (lambda p, m: reverse("projects:partner_detail", args=[m.host_id]), 10),
    "participants": (lambda p, m: reverse("participants:participant_list"), 10),
    "participant": (
        lambda p, m: reverse("participants:participant_detail", args=[m.participant_id]),
        14,
    ),
    "mobility": (lambda p, m: reverse("mobilities:mobility_detail", args=[m.pk]), 26),
    "group": (lambda p, m: reverse("mobilities:group_detail", args=[m.group_id]), 12),
    "mobility form": (lambda p, m: reverse("mobilities:mobility_edit", args=[m.pk]), 16),
    "budget:rates": (lambda p, m: reverse("budget:rates", args=[p.call_year]), 8),
}


def add_mobilities(project, host, group, count: int, start: int = 0):
    goals = list(project.erasmus_plan.goals.all())
    for n in range(start, start + count):
        fewer = n % 3 == 0
        learner = factories.learner(
            project.organisation,
            fewer_opportunities=fewer,
            fewer_opportunities_categories=["economic"] if fewer else [],
        )
        mobility = factories.mobility(
            project,
            participant=learner,
            host=host,
            goals=goals,
            group=group,
            start_date=date(2026, 9, 1 + n % 20),
            end_date=date(2026, 10, 1 + n % 20),
        )
        monitoring_note_add(mobility=mobility, author=None, written_on=date(2026, 9, 5), text="ok")
        mobility.goals.first().targets.get_or_create(
            indicator="Learners", target_value=10, unit="persons", year=2026, measure="learners"
        )


def count_queries(client, url) -> int:
    cache.clear()  # Measure the pages as rendered, not as cached.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


@pytest.fixture(scope="session")
def one_then_fifty(django_db_setup, django_db_blocker, tmp_path_factory):
    """Alice's project with one mobility, then with fifty: the same for every page, so
    built once (tests/snapshot.py) instead of fifty mobilities for each page."""

    def build():
        school = factories.organisation(legal_name="Vidzemes tehnikums")
        factories.member(school, Membership.Role.COORDINATOR, username="alice")
        erasmus_plan = factories.plan(school)
        factories.goal(erasmus_plan, 1)
        factories.goal(erasmus_plan, 2)
        project = factories.project(school, erasmus_plan)
        host = factories.partner(school, name="CIPFP Valencia")
        group = factories.group(project, activity_type="learner_short_term")
        add_mobilities(project, host, group, 1)
        yield
        add_mobilities(project, host, group, 49, start=1)

    with django_db_blocker.unblock(), translation.override("en"):
        return take_steps(build, tmp_path_factory.mktemp("query-counts-media"), run_on_commit=False)


@pytest.mark.parametrize("page", PAGES)
def test_the_page_makes_a_fixed_number_of_queries(
    client, db, media_root, one_then_fifty, page, django_assert_max_num_queries
):
    one_mobility, fifty_mobilities = one_then_fifty
    one_mobility.restore(media_root)
    project = Project.objects.get()
    url_of, bound = PAGES[page]
    first = project.mobilities.first()
    url = url_of(project, first)
    client.force_login(get_user_model().objects.get(username="alice"))
    client.get(url)  # warm caches that are not per request (content types, gazetteer)
    with django_assert_max_num_queries(bound):
        one = count_queries(client, url)
    fifty_mobilities.restore_over(one_mobility, media_root)
    assert project.mobilities.count() == 50
    with django_assert_max_num_queries(bound):
        fifty = count_queries(client, url)
    assert fifty == one
