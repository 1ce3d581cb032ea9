"""A real Celery worker process, through a real Redis broker, renders the documents that
the services queue, against the same test database.

The broker is CELERY_TEST_BROKER_URL (default redis://127.0.0.1:6379/15). Without a
reachable Redis the tests are skipped locally, and fail in CI (CI=true).
"""

import os
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
import redis
from django.conf import settings

from erasmus_portal.celery import app
from mobilities.models import Mobility
from reporting import services
from reporting.models import DocumentKind, GeneratedDocument
from reporting.tasks import render_document
from tests import factories

from .helpers import database_url, document_bytes, pdf_text

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

BROKER_URL = os.environ.get("CELERY_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
STARTUP_SECONDS = 60
RESULT_SECONDS = 60


def _redis_reachable() -> bool:
    try:
        return redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        return False


@pytest.fixture(scope="module")
def queue():
    if not _redis_reachable():
        message = f"No Redis broker at {BROKER_URL}."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " CI needs it for the worker tests.")
        pytest.skip(message)
    # A queue of its own, so that no other worker on this broker takes the tasks.
    name = f"test-documents-{uuid.uuid4().hex[:8]}"
    saved = {
        key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_default_queue")
    }
    app.conf.update(broker_url=BROKER_URL, task_always_eager=False, task_default_queue=name)
    _reset_broker_connections()
    yield name
    app.conf.update(saved)
    _reset_broker_connections()
    broker = redis.Redis.from_url(BROKER_URL)
    for key in broker.scan_iter(f"*{name}*"):  # the queue and kombu's bindings of it
        broker.delete(key)


def _reset_broker_connections():
    # The connection and producer pools are made on first use from the configuration;
    # drop them so that the next use follows the configuration just changed.
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="module")
def worker_media(tmp_path_factory):
    return tmp_path_factory.mktemp("worker-media")


@pytest.fixture
def media_root(settings, worker_media):
    """Overrides the package's temporary MEDIA_ROOT: the worker writes into this one."""
    settings.MEDIA_ROOT = worker_media
    return worker_media


class Worker:
    def __init__(self, process: subprocess.Popen, log: Path):
        self.process = process
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while " ready." not in self.output():
            assert self.process.poll() is None, "the worker exited:\n" + self.output()
            assert time.monotonic() < deadline, "the worker did not start:\n" + self.output()
            time.sleep(0.2)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)


@pytest.fixture
def worker(queue, media_root, transactional_db, tmp_path):
    """One worker process per test: it must see the database as this test leaves it."""
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "erasmus_portal.settings.test",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
        "MEDIA_ROOT": str(media_root),
    }
    log = tmp_path / "worker.log"
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "erasmus_portal",
        "worker",
        "--pool=solo",
        "--queues",
        queue,
        "--hostname",
        f"{queue}@%h",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
        "--loglevel",
        "INFO",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = Worker(process, log)
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


def wait_until_finished(document: GeneratedDocument, worker: Worker) -> GeneratedDocument:
    deadline = time.monotonic() + RESULT_SECONDS
    while True:
        document.refresh_from_db()
        if document.is_finished:
            return document
        assert worker.process.poll() is None, "the worker exited:\n" + worker.output()
        assert time.monotonic() < deadline, "no result in time:\n" + worker.output()
        time.sleep(0.2)


def wait_for_log(worker: Worker, text: str, count: int = 1) -> None:
    deadline = time.monotonic() + RESULT_SECONDS
    while worker.output().count(text) < count:
        assert time.monotonic() < deadline, f"{text!r} not logged:\n" + worker.output()
        time.sleep(0.2)


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
