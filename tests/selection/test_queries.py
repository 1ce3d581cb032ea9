"""Every selection page makes a fixed number of queries, whatever the number of
applications."""

from datetime import timedelta

import pytest
from django.urls import reverse

from selection import services
from tests import factories
from tests.selection import factories as sel

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


@pytest.fixture(params=[1, 30], ids=["1 application", "30 applications"])
def filled_call(request, project, alice, school):
    """A published call: every application scored by two evaluators, and one more
    application nobody has scored yet."""
    dace = factories.member(school, username="dace")
    call = sel.call(project, status="published", places=3)
    for n in range(request.param):
        learner = factories.learner(
            school,
            fewer_opportunities=n % 3 == 0,
            fewer_opportunities_categories=["economic"] if n % 3 == 0 else [],
        )
        application = sel.application(call, learner, days_ago=1 + n % 20)
        sel.score(application, alice, n % 11, 5, n % 6)
        sel.score(application, dace, 10 - n % 11, 6, 3)
    sel.application(call)
    return call


def unscored(call):
    return call.applications.filter(scores__isnull=True).get()


PAGES = {
    "call list": lambda c: reverse("selection:selection_call_list", args=[c.project_id]),
    "call detail": lambda c: reverse("selection:selection_call_detail", args=[c.pk]),
    "record": lambda c: reverse("selection:selection_call_record", args=[c.pk]),
    "call create": lambda c: reverse("selection:selection_call_create", args=[c.project_id]),
    "call edit": lambda c: reverse("selection:selection_call_edit", args=[c.pk]),
    "application create": lambda c: reverse("selection:selection_application_create", args=[c.pk]),
    "application edit": lambda c: reverse(
        "selection:selection_application_edit", args=[unscored(c).pk]
    ),
    "score": lambda c: reverse(
        "selection:selection_application_score", args=[c.applications.first().pk]
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_page_makes_a_fixed_number_of_queries(
    client, alice, filled_call, page, django_assert_max_num_queries
):
    url = PAGES[page](filled_call)
    client.force_login(alice)
    client.get(url)  # warm caches that are not per request (e.g. content types)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_the_decisions_page_makes_a_fixed_number_of_queries(
    client, alice, filled_call, django_assert_max_num_queries
):
    services.call_close(call=filled_call)
    services.decisions_save(
        call=filled_call,
        decided_by=alice,
        decisions={unscored(filled_call).pk: ("not_selected", "Atsauca pieteikumu.")},
    )
    services.decisions_propose(call=filled_call, decided_by=alice, waiting_list_places=2)
    url = reverse("selection:selection_call_decisions", args=[filled_call.pk])
    client.force_login(alice)
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_a_draft_call_edit_page_makes_a_fixed_number_of_queries(
    client, alice, project, django_assert_max_num_queries
):
    call = sel.call(project, closes_on=sel.today() + timedelta(days=5))
    url = reverse("selection:selection_call_edit", args=[call.pk])
    client.force_login(alice)
    client.get(url)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200
