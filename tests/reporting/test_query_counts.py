"""The documents pages make a fixed number of queries, whatever the number of rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import services
from reporting.models import DocumentKind, FinalReportAnswer, GeneratedDocument
from tests import factories

pytestmark = pytest.mark.django_db

# The final report page is the largest: about twenty aggregate queries for its figures.
MAX_QUERIES = 25


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


@pytest.fixture(params=[1, 30], ids=["1 row", "30 rows"])
def filled_project(request, project, host, alice):
    goals = list(project.erasmus_plan.goals.all())
    for n in range(request.param):
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
    return project


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
    client, alice, filled_project, page, django_assert_max_num_queries
):
    url = PAGES[page](filled_project)
    client.force_login(alice)
    client.get(url)  # warm caches that are not per request (e.g. content types)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("page", ["mobility documents", "project documents", "final report"])
def test_the_query_count_does_not_grow_with_the_rows(client, alice, project, host, page):
    """The same number of queries for 1 and for 30 mobilities."""
    counts = []
    client.force_login(alice)
    for size in (1, 30):
        while project.mobilities.count() < size:
            mobility = factories.mobility(project, host=host)
            _documents(project, mobility)
        url = PAGES[page](project)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
