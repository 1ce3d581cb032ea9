"""Queueing and rendering: documents are records, queued after the transaction commits,
claimed once, rendered once, retried on transient failures, failed with their reason."""

import hashlib
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from reporting import services, tasks
from reporting.models import DocumentBatch, DocumentKind, GeneratedDocument
from tests import factories

pytestmark = pytest.mark.django_db

Status = GeneratedDocument.Status


def queued(mobility, kind=DocumentKind.GRANT_AGREEMENT, language="lv", user=None):
    return services.document_request(
        project=mobility.project, mobility=mobility, kind=kind, language=language, user=user
    )


@pytest.fixture
def count_renders():
    with mock.patch("reporting.services.render_pdf", wraps=services.render_pdf) as spy:
        yield spy


def test_a_request_creates_a_queued_record_and_sends_the_task_only_after_commit(
    mobility, alice, django_capture_on_commit_callbacks
):
    with mock.patch("reporting.tasks.render_document.delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            document = queued(mobility, user=alice)
        assert delay.call_count == 0
        for callback in callbacks:
            callback()
    delay.assert_called_once_with(document.pk)
    assert document.status == Status.QUEUED
    assert (document.kind, document.language, document.version) == ("grant_agreement", "lv", 1)
    assert document.requested_by == alice
    assert document.requested_at is not None


def test_eager_tasks_render_the_document_once_the_transaction_commits(
    mobility, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = queued(mobility)
    document.refresh_from_db()
    assert document.status == Status.READY
    assert document.file.name.startswith(f"documents/{mobility.project_id}/")
    assert document.finished_at is not None


def test_each_request_for_the_same_subject_is_a_new_version(mobility):
    first = queued(mobility)
    second = queued(mobility)
    english = queued(mobility, language="en")
    assert (first.version, second.version, english.version) == (1, 2, 1)


def test_the_file_is_stored_with_its_sha256(mobility):
    document = queued(mobility)
    services.document_render(document_id=document.pk)
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        data = handle.read()
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)


def test_a_duplicate_delivery_renders_the_document_once(mobility, count_renders):
    document = queued(mobility)
    assert tasks.render_document.apply(args=[document.pk]).get() == "rendered"
    assert tasks.render_document.apply(args=[document.pk]).get() == "already_finished"
    assert count_renders.call_count == 1
    document.refresh_from_db()
    assert document.attempts == 1


def test_a_document_claimed_by_a_live_worker_is_not_rendered_again(mobility, count_renders):
    document = queued(mobility)
    assert services.document_claim(document.pk) is not None
    assert services.document_render(document_id=document.pk) == services.Outcome.CLAIMED_ELSEWHERE
    assert count_renders.call_count == 0


def test_a_document_left_rendering_by_a_dead_worker_is_claimed_again_once_stale(mobility, settings):
    document = queued(mobility)
    crashed_at = timezone.now() - timedelta(seconds=settings.DOCUMENT_CLAIM_STALE_AFTER + 1)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=Status.RENDERING, claimed_at=crashed_at, attempts=1
    )
    assert services.document_render(document_id=document.pk) == services.Outcome.RENDERED
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.READY, 2)


def test_the_stale_claim_wait_is_longer_than_the_hard_time_limit(settings):
    assert settings.DOCUMENT_CLAIM_STALE_AFTER > settings.CELERY_TASK_TIME_LIMIT


def test_a_redelivered_task_waits_for_the_claim_to_go_stale(mobility, worker_request):
    document = queued(mobility)
    services.document_claim(document.pk)
    wait = services.seconds_until_claim_is_stale(document.pk)
    assert 0 < wait <= services.settings.DOCUMENT_CLAIM_STALE_AFTER + 1
    with (
        mock.patch.object(tasks.render_document, "retry", side_effect=RuntimeError) as retry,
        pytest.raises(RuntimeError),
    ):
        worker_request(document.pk)
    assert retry.call_args.kwargs["countdown"] == pytest.approx(wait, abs=2)


def test_a_worker_that_lost_its_claim_keeps_no_file(mobility, media_root):
    document = queued(mobility)
    claimed_at = services.document_claim(document.pk)
    # Meanwhile another worker took the claim over.
    GeneratedDocument.objects.filter(pk=document.pk).update(claimed_at=timezone.now())
    rendered = services._store(document, b"%PDF-1.7 test")
    outcome = services._finish_ready(document.pk, claimed_at, rendered)
    assert outcome == services.Outcome.CLAIMED_ELSEWHERE
    assert not (media_root / rendered.name).exists()


@pytest.fixture
def worker_request():
    """Runs the task body as a worker would (not eagerly), at a given delivery."""
    task = tasks.render_document

    def run(document_id, retries=0):
        task.push_request(retries=retries, is_eager=False)
        try:
            return task.run(document_id)
        finally:
            task.pop_request()

    return run


def test_a_transient_failure_releases_the_claim_and_retries_with_backoff(mobility, worker_request):
    document = queued(mobility)
    with (
        mock.patch("reporting.services._store", side_effect=OSError("disk busy")),
        mock.patch.object(tasks.render_document, "retry", side_effect=RuntimeError) as retry,
        pytest.raises(RuntimeError),
    ):
        worker_request(document.pk)
    assert retry.call_args.kwargs["countdown"] >= tasks.BACKOFF_SECONDS
    document.refresh_from_db()
    assert (document.status, document.claimed_at) == (Status.QUEUED, None)
    # The retried delivery renders it.
    assert worker_request(document.pk, retries=1) == "rendered"
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.READY, 2)


def test_a_failure_that_persists_ends_as_failed_with_its_reason(mobility, worker_request):
    document = queued(mobility)
    with mock.patch("reporting.services._store", side_effect=OSError("disk full")):
        outcome = worker_request(document.pk, retries=tasks.TRANSIENT_RETRIES)
    assert outcome == "failed"
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "disk full" in document.failure_reason


def test_without_a_broker_a_transient_failure_fails_at_once(mobility):
    document = queued(mobility)
    with mock.patch("reporting.services._store", side_effect=OSError("disk full")):
        assert tasks.render_document.apply(args=[document.pk]).get() == "failed"
    document.refresh_from_db()
    assert document.status == Status.FAILED


def test_a_bug_while_rendering_fails_the_document_instead_of_leaving_it_rendering(mobility):
    document = queued(mobility)
    with mock.patch("reporting.services.document_html", side_effect=KeyError("oops")):
        assert tasks.render_document.apply(args=[document.pk]).get() == "failed"
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert document.failure_reason == "KeyError: 'oops'"


def test_backoff_grows_and_is_capped():
    assert 5 <= tasks.backoff(0) <= 7
    assert 10 <= tasks.backoff(1) <= 15
    assert tasks.backoff(20) <= tasks.BACKOFF_MAX_SECONDS * 1.5


def test_a_broker_that_is_down_fails_the_document_with_the_reason(
    mobility, django_capture_on_commit_callbacks
):
    with (
        mock.patch(
            "reporting.tasks.render_document.delay", side_effect=OperationalError("refused")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        document = queued(mobility)
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "could not be queued" in document.failure_reason


def test_a_learning_agreement_is_refused_for_staff(project, host):
    staff = factories.staff(project.organisation)
    mobility = factories.mobility(
        project,
        participant=staff,
        host=host,
        activity_type="staff_job_shadowing",
        end_date=date(2026, 9, 5),
    )
    with pytest.raises(ValidationError) as error:
        queued(mobility, kind=DocumentKind.LEARNING_AGREEMENT)
    assert "learners only" in error.value.message_dict["kind"][0]


def test_unknown_kinds_and_languages_are_refused_naming_the_field(mobility):
    with pytest.raises(ValidationError) as error:
        queued(mobility, kind="passport", language="de")
    assert set(error.value.message_dict) == {"kind", "language"}


def test_a_batch_queues_one_document_per_mobility_that_needs_it(project, host):
    factories.mobility(project, host=host)
    factories.mobility(project, host=host, status="cancelled")
    staff = factories.staff(project.organisation)
    factories.mobility(
        project,
        participant=staff,
        host=host,
        activity_type="staff_job_shadowing",
        end_date=date(2026, 9, 5),
    )
    grant_agreements = services.document_batch_request(
        project=project, kind=DocumentKind.GRANT_AGREEMENT, language="en"
    )
    learning_agreements = services.document_batch_request(
        project=project, kind=DocumentKind.LEARNING_AGREEMENT, language="en"
    )
    assert grant_agreements.documents.count() == 2
    assert learning_agreements.documents.count() == 1
    assert DocumentBatch.objects.count() == 2


def test_a_batch_of_final_reports_is_one_document(project):
    batch = services.document_batch_request(
        project=project, kind=DocumentKind.FINAL_REPORT, language="lv"
    )
    assert list(batch.documents.values_list("mobility", flat=True)) == [None]


def test_a_batch_without_any_subject_is_refused(project):
    with pytest.raises(ValidationError) as error:
        services.document_batch_request(
            project=project, kind=DocumentKind.GRANT_AGREEMENT, language="lv"
        )
    assert "No mobility" in error.value.message_dict["kind"][0]
