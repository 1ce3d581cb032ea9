"""A worker that stops mid-render, or a broker that is down: no document stays
"rendering" for an hour, and none is said to be queued when no worker will see it.

- the broker's visibility timeout follows the task time limit;
- Celery beat runs a sweep that queues again each document whose claim is stale, and
  fails one whose worker stopped on it too often, with the reason;
- when the task cannot be sent, the documents fail at once and the page says so.
"""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from kombu import pools

from erasmus_portal.celery import app
from reporting import services, tasks
from reporting.models import DocumentKind, GeneratedDocument
from tests import factories

Status = GeneratedDocument.Status
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


def queued(mobility, kind=DocumentKind.GRANT_AGREEMENT):
    return services.document_request(
        project=mobility.project, mobility=mobility, kind=kind, language="en"
    )


def left_rendering(mobility, *, claimed_at, requeues=0) -> GeneratedDocument:
    """A document whose worker died while rendering it, at `claimed_at`."""
    document = queued(mobility)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        status=Status.RENDERING, claimed_at=claimed_at, attempts=1, stale_requeues=requeues
    )
    document.refresh_from_db()
    return document


# The broker's visibility timeout


def test_the_visibility_timeout_outlasts_a_running_task_and_its_longest_retry_wait(settings):
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert timeout == settings.CELERY_TASK_TIME_LIMIT + settings.DOCUMENT_CLAIM_STALE_AFTER + 60
    longest_retry_wait = max(
        settings.DOCUMENT_CLAIM_STALE_AFTER + 1, tasks.backoff(tasks.TRANSIENT_RETRIES) * 2
    )
    assert timeout > settings.CELERY_TASK_TIME_LIMIT + longest_retry_wait
    # Far below Redis's default of an hour.
    assert timeout <= 15 * 60
    assert app.conf.broker_transport_options == {"visibility_timeout": timeout}


# The sweep


@pytest.mark.django_db
def test_beat_runs_the_sweep_more_often_than_a_claim_goes_stale(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["requeue-stale-documents"]
    assert entry["task"] == tasks.requeue_stale_documents.name
    assert entry["task"] in app.tasks
    assert entry["schedule"] < settings.DOCUMENT_CLAIM_STALE_AFTER
    assert app.conf.beat_schedule["requeue-stale-documents"] == entry


@pytest.mark.django_db
def test_the_sweep_queues_again_a_document_whose_claim_is_stale(
    mobility, settings, django_capture_on_commit_callbacks
):
    crashed_at = timezone.now() - timedelta(hours=1)
    document = left_rendering(mobility, claimed_at=crashed_at)
    stale_at = crashed_at + timedelta(seconds=settings.DOCUMENT_CLAIM_STALE_AFTER + 1)
    with (
        mock.patch("reporting.tasks.render_document.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        result = services.documents_requeue_stale(now=stale_at)
    assert (result.requeued, result.failed) == ([document.pk], [])
    delay.assert_called_once_with(document.pk)
    document.refresh_from_db()
    assert (document.status, document.claimed_at, document.stale_requeues) == (
        Status.QUEUED,
        None,
        1,
    )


@pytest.mark.django_db
def test_a_document_queued_again_is_rendered(mobility, django_capture_on_commit_callbacks):
    document = left_rendering(mobility, claimed_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):  # eager: rendered at once
        assert tasks.requeue_stale_documents.apply().get() == {"requeued": 1, "failed": 0}
    document.refresh_from_db()
    assert (document.status, document.attempts) == (Status.READY, 2)


@pytest.mark.django_db
def test_the_sweep_leaves_a_live_claim_alone(
    mobility, settings, django_capture_on_commit_callbacks
):
    claimed_at = timezone.now()
    document = left_rendering(mobility, claimed_at=claimed_at)
    just_before = claimed_at + timedelta(seconds=settings.DOCUMENT_CLAIM_STALE_AFTER - 1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = services.documents_requeue_stale(now=just_before)
    assert (result.requeued, result.failed, callbacks) == ([], [], [])
    document.refresh_from_db()
    assert (document.status, document.claimed_at) == (Status.RENDERING, claimed_at)


@pytest.mark.django_db
def test_the_sweep_fails_a_document_whose_worker_stopped_too_often(
    mobility, settings, django_capture_on_commit_callbacks
):
    settings.DOCUMENT_MAX_STALE_REQUEUES = 2
    document = left_rendering(mobility, claimed_at=timezone.now() - timedelta(hours=1), requeues=2)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = services.documents_requeue_stale()
    assert (result.requeued, result.failed, callbacks) == ([], [document.pk], [])
    document.refresh_from_db()
    assert document.status == Status.FAILED
    assert "The worker stopped while rendering this document 3 times" in document.failure_reason


@pytest.mark.django_db
def test_the_page_says_what_happens_to_a_stale_document(client, alice, mobility):
    left_rendering(mobility, claimed_at=timezone.now() - timedelta(hours=1))
    client.force_login(alice)
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert "The worker stopped while rendering this document; it is queued again" in page
    assert "If the worker stops while rendering a document" in page
    project_page = client.get(reverse("reporting:project_documents", args=[mobility.project_id]))
    assert "it is queued again automatically" in project_page.content.decode()


@pytest.mark.django_db
def test_a_live_rendering_says_nothing_of_a_stopped_worker(client, alice, mobility):
    left_rendering(mobility, claimed_at=timezone.now())
    client.force_login(alice)
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert 'data-status="rendering"' in page
    assert 'data-stale="true"' not in page


# The broker is down when the tasks are sent


@pytest.fixture
def broker_down(settings):
    """The application pointed at a port nobody listens on, tasks sent for real."""
    # Read first: the first read loads Celery's configuration from the settings.
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(broker_url=CLOSED_PORT_BROKER, task_always_eager=False)
    _reset_broker_connections()
    with mock.patch(
        "reporting.tasks.render_document.delay", wraps=tasks.render_document.delay
    ) as delay:
        yield delay
    app.conf.update(saved)
    _reset_broker_connections()


def _reset_broker_connections():
    # The pools are made on first use from the configuration, and kombu keeps them in
    # registries of its own: drop both so that the next send follows the change.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


# Transactional: the request's own transaction commits and sends the task, as in
# production (inside a test's transaction the callbacks would wait for the test).
@pytest.mark.django_db(transaction=True)
def test_a_document_whose_task_cannot_be_sent_fails_and_the_page_says_so(
    client, alice, mobility, broker_down
):
    client.force_login(alice)
    url = reverse("reporting:mobility_document_request", args=[mobility.pk])
    response = client.post(url, {"kind": "grant_agreement", "language": "en"}, follow=True)
    document = GeneratedDocument.objects.get()
    assert document.status == Status.FAILED
    assert "could not be queued: the task queue (the broker) did not answer" in (
        document.failure_reason
    )
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Participant grant agreement failed: The document could not be")
    assert "is queued" not in message
    assert broker_down.call_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_batch_whose_tasks_cannot_be_sent_fails_at_the_first_refusal(
    client, alice, project, host, broker_down
):
    for _ in range(3):
        factories.mobility(project, host=host)
    client.force_login(alice)
    url = reverse("reporting:project_documents_batch", args=[project.pk])
    response = client.post(url, {"kind": "attendance_certificate", "language": "en"}, follow=True)
    statuses = set(GeneratedDocument.objects.values_list("status", flat=True))
    assert statuses == {Status.FAILED}
    # One refusal of the broker is enough: the other two are not tried.
    assert broker_down.call_count == 1
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Certificate of attendance: 3 of 3 documents failed:")
    assert "are queued" not in message


@pytest.mark.django_db(transaction=True)
def test_the_final_report_whose_task_cannot_be_sent_is_not_said_queued(
    client, alice, project, broker_down
):
    client.force_login(alice)
    url = reverse("reporting:final_report_request", args=[project.pk])
    response = client.post(url, {"kind": "final_report", "language": "en"}, follow=True)
    [message] = [str(m) for m in response.context["messages"]]
    assert message.startswith("Final report draft failed:")
    assert GeneratedDocument.objects.get().status == Status.FAILED


@pytest.mark.django_db(transaction=True)
def test_generate_documents_exits_1_when_the_tasks_cannot_be_sent(project, host, broker_down):
    factories.mobility(project, host=host)
    with pytest.raises(CommandError, match="1 of 1 document"):
        call_command(
            "generate_documents",
            "--project",
            project.grant_agreement_number,
            "--kind",
            "attendance_certificate",
            stdout=StringIO(),
        )
    assert GeneratedDocument.objects.get().status == Status.FAILED
