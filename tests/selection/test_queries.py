"""Every selection page makes a fixed number of queries, whatever the number of
applications."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from participants.models import SelectionCall
from projects.models import Membership
from selection import services
from tests import factories
from tests.selection import factories as sel
from tests.snapshot import take

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def fill_call(applications):
    """A published call of Alice's school's project: every application scored by Alice
    and Dace, and one more application nobody has scored yet."""
    school = factories.organisation(legal_name="Vidzemes tehnikums")
    alice = factories.member(school, Membership.Role.COORDINATOR, username="alice")
    erasmus_plan = factories.plan(school)
    factories.goal(erasmus_plan, 1)
    factories.goal(erasmus_plan, 2)
    project = factories.project(school, erasmus_plan)
    dace = factories.member(school, username="dace")
    call = sel.call(project, status="published", places=3)
    for n in range(applications):
        learner = factories.learner(
            school,
            fewer_opportunities=n % 3 == 0,
            fewer_opportunities_categories=["economic"] if n % 3 == 0 else [],
        )
        application = sel.application(call, learner, days_ago=1 + n % 20)
        sel.score(application, alice, n % 11, 5, n % 6)
        sel.score(application, dace, 10 - n % 11, 6, 3)
    sel.application(call)


@pytest.fixture(scope="session")
def filled_calls(django_db_setup, django_db_blocker, tmp_path_factory):
    """The call with 1 and with 30 applications, each built once (tests/snapshot.py)."""
    with django_db_blocker.unblock(), translation.override("en"):
        return {
            applications: take(
                lambda applications=applications: fill_call(applications),
                tmp_path_factory.mktemp("filled-call-media"),
                run_on_commit=False,
            )
            for applications in (1, 30)
        }


@pytest.fixture(params=[1, 30], ids=["1 application", "30 applications"])
def filled_call(request, db, filled_calls, media_root):
    filled_calls[request.param].restore(media_root)
    return SelectionCall.objects.get()


def alice_of_the_call():
    return get_user_model().objects.get(username="alice")


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
    client, filled_call, page, django_assert_max_num_queries
):
    url = PAGES[page](filled_call)
    client.force_login(alice_of_the_call())
    client.get(url)  # warm caches that are not per request (e.g. content types)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


def test_the_decisions_page_makes_a_fixed_number_of_queries(
    client, filled_call, django_assert_max_num_queries
):
    alice = alice_of_the_call()
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
