"""The documents pages make a fixed number of queries, whatever the number of rows."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from projects.models import Membership, Project
from reporting import services
from reporting.models import DocumentKind, FinalReportAnswer, GeneratedDocument
from tests import factories
from tests.snapshot import take, take_steps

pytestmark = pytest.mark.django_db

# The final report page is the largest: about thirty aggregate queries for its figures
# (the results recorded among them).
MAX_QUERIES = 34


def _documents(project, mobility):
    """A ready and a queued document of each kind, in both languages, for `mobility`."""
    for kind in (DocumentKind.GRANT_AGREEMENT, DocumentKind.ATTENDANCE_CERTIFICATE):
        for language in ("lv", "en"):
            GeneratedDocument.objects.create(
                project=project,
                mobility=mobility,
                kind=kind,
                language=language,
                version=1,
                status="ready",
                file="documents/x.pdf",
                sha256="0" * 64,
            )
            GeneratedDocument.objects.create(
                project=project, mobility=mobility, kind=kind, language=language, version=2
            )


def alices_project():
    """The project of Alice's school and its host, as the suite's fixtures make them."""
    school = factories.organisation(legal_name="Vidzemes tehnikums")
    factories.member(school, Membership.Role.COORDINATOR, username="alice")
    erasmus_plan = factories.plan(school)
    factories.goal(erasmus_plan, 1)
    factories.goal(erasmus_plan, 2)
    project = factories.project(school, erasmus_plan)
    return project, factories.partner(school, name="CIPFP Valencia")


def fill(project, host, rows):
    goals = list(project.erasmus_plan.goals.all())
    for n in range(rows):
        learner = factories.learner(
            project.organisation,
            fewer_opportunities=n % 3 == 0,
            fewer_opportunities_categories=["economic"] if n % 3 == 0 else [],
        )
        mobility = factories.mobility(
            project,
            participant=learner,
            host=host
            if n % 2
            else factories.partner(project.organisation, country="DE", city="Leipzig"),
            goals=goals,
            start_date=date(2026, 9, 1 + n % 20),
            end_date=date(2026, 10, 1 + n % 20),
            destination_city="Valencia" if n % 2 else "Leipzig",
            destination_country="ES" if n % 2 else "DE",
        )
        _documents(project, mobility)
        FinalReportAnswer.objects.get_or_create(
            project=project, section=["goals", "impact", "budget"][n % 3], defaults={"text": "x"}
        )
    services.document_batch_request(project=project, kind="grant_agreement", language="lv")
    services.document_batch_request(project=project, kind="final_report", language="lv")


@pytest.fixture(scope="session")
def filled_projects(django_db_setup, django_db_blocker, tmp_path_factory):
    """Alice's project filled with 1 and with 30 rows, each built once (tests/snapshot.py)
    for the pages that read it."""
    with django_db_blocker.unblock(), translation.override("en"):
        return {
            rows: take(
                lambda rows=rows: fill(*alices_project(), rows),
                tmp_path_factory.mktemp("filled-project-media"),
                run_on_commit=False,
            )
            for rows in (1, 30)
        }


@pytest.fixture(params=[1, 30], ids=["1 row", "30 rows"])
def filled_project(request, db, filled_projects, media_root):
    filled_projects[request.param].restore(media_root)
    return Project.objects.get()


def signed_in(client):
    client.force_login(get_user_model().objects.get(username="alice"))
    return client


PAGES = {
    "mobility documents": lambda p: reverse(
        "reporting:mobility_documents", args=[p.mobilities.first().pk]
    ),
    "project documents": lambda p: reverse("reporting:project_documents", args=[p.pk]),
    "final report": lambda p: reverse("reporting:final_report", args=[p.pk]),
    "final report text": lambda p: reverse("reporting:final_report_text", args=[p.pk]),
    "batch progress": lambda p: reverse(
        "reporting:batch_progress", args=[p.pk, p.document_batches.first().pk]
    ),
    "document status": lambda p: reverse(
        "reporting:document_status", args=[p.documents.first().pk]
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_the_page_makes_a_fixed_number_of_queries(
    client, filled_project, page, django_assert_max_num_queries
):
    url = PAGES[page](filled_project)
    signed_in(client)
    client.get(url)  # warm caches that are not per request (e.g. content types)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


@pytest.fixture(scope="session")
def one_then_thirty(django_db_setup, django_db_blocker, tmp_path_factory):
    """Alice's project with 1 mobility and its documents, then with 30, built once."""

    def build():
        project, host = alices_project()
        _documents(project, factories.mobility(project, host=host))
        yield
        for _ in range(29):
            _documents(project, factories.mobility(project, host=host))

    with django_db_blocker.unblock(), translation.override("en"):
        return take_steps(
            build, tmp_path_factory.mktemp("one-then-thirty-media"), run_on_commit=False
        )


@pytest.mark.parametrize("page", ["mobility documents", "project documents", "final report"])
def test_the_query_count_does_not_grow_with_the_rows(client, db, media_root, one_then_thirty, page):
    """The same number of queries for 1 and for 30 mobilities."""
    one, thirty = one_then_thirty
    one.restore(media_root)
    project = Project.objects.get()
    signed_in(client)
    counts = [_queries(client, PAGES[page](project))]
    thirty.restore_over(one, media_root)
    assert project.mobilities.count() == 30
    counts.append(_queries(client, PAGES[page](project)))
    assert counts[0] == counts[1], counts


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
