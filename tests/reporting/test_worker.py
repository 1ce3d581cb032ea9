"""A real Celery worker process, through a real Redis broker, renders the documents that
the services queue, against the same test database (the fixtures: tests/worker.py)."""

from datetime import date

import pytest

from mobilities.models import Mobility
from reporting import services
from reporting.models import DocumentKind, GeneratedDocument
from reporting.tasks import render_document
from tests import factories
from tests.worker import wait_for_log, wait_until_finished

from .helpers import document_bytes, pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def mobility_to_render(project, host):
    learner = factories.learner(project.organisation, first_name="Ķirsis", last_name="Ēnužs")
    return factories.mobility(project, participant=learner, host=host)


def test_a_worker_renders_a_queued_document_into_a_ready_pdf(worker, mobility_to_render):
    document = services.document_request(
        project=mobility_to_render.project,
        mobility=mobility_to_render,
        kind=DocumentKind.GRANT_AGREEMENT,
        language="lv",
    )
    document = wait_until_finished(document, worker)
    assert document.status == GeneratedDocument.Status.READY, document.failure_reason
    assert document.attempts == 1
    data = document_bytes(document)
    assert data.startswith(b"%PDF")
    assert "Ķirsis Ēnužs" in pdf_text(data)
    assert len(document.sha256) == 64


def test_a_duplicate_delivery_renders_the_document_once(worker, mobility_to_render):
    document = services.document_request(
        project=mobility_to_render.project,
        mobility=mobility_to_render,
        kind=DocumentKind.ATTENDANCE_CERTIFICATE,
        language="en",
    )
    render_document.delay(document.pk)  # the same task delivered a second time
    wait_for_log(worker, "succeeded", count=2)
    output = worker.output()
    assert output.count("'rendered'") == 1, output
    assert output.count("'already_finished'") == 1, output
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.READY
    assert document.attempts == 1


def test_a_failing_render_ends_as_failed_with_its_reason(worker, mobility_to_render):
    # Changed behind the validation: 400 days is no short-term learner mobility.
    Mobility.objects.filter(pk=mobility_to_render.pk).update(end_date=date(2027, 10, 5))
    document = services.document_request(
        project=mobility_to_render.project,
        mobility=mobility_to_render,
        kind=DocumentKind.GRANT_AGREEMENT,
        language="en",
    )
    document = wait_until_finished(document, worker)
    assert document.status == GeneratedDocument.Status.FAILED
    assert document.failure_reason.startswith("The mobility cannot be funded as it stands:")
    assert not document.file
