"""A real Celery worker process on a real Redis broker, for tests that need one: the
`worker` fixture starts one per test, on a queue of its own, against the test database
(CELERY_TEST_BROKER_URL, default redis://127.0.0.1:6379/15). Without a reachable Redis
those tests are skipped locally, and fail in CI (CI=true)."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import kombu.pools
import pytest
import redis

from erasmus_portal.celery import app
from reporting.models import GeneratedDocument
from tests.reporting.helpers import database_url

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
    # The connection and producer pools are made on first use from the configuration,
    # and kombu keeps them in a registry keyed by the broker: close and forget them all,
    # so that the next use (by the next module's tests too) follows the configuration.
    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture(scope="module")
def worker_media(tmp_path_factory):
    return tmp_path_factory.mktemp("worker-media")


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
def worker(queue, worker_media, settings, transactional_db, tmp_path):
    """One worker process per test: it must see the database as this test leaves it, and
    write its files where the test (and its live server) read them."""
    settings.MEDIA_ROOT = media_root = worker_media
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
