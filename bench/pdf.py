"""Benchmark: rendering documents with WeasyPrint.

    .venv/bin/python bench/pdf.py           # SQLite; set DATABASE_URL for PostgreSQL

Prints the median time to render a participant grant agreement and a project's final
report draft (HTML from the database, then PDF), next to a one-page plain HTML document
rendered by the same WeasyPrint with the same fonts (the floor), with their ratios to the
floor; then the time to produce 100 grant agreements with two workers (a Celery worker
with two processes, as in docker-compose.yml, through Redis at BENCH_BROKER_URL, default
redis://127.0.0.1:6379/14) next to the same 100 rendered one after the other in this
process; and the peak memory of this process and of the workers.

It works in a throwaway test database, created and dropped by the script, and writes
files into a temporary MEDIA_ROOT.
"""

import logging
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "erasmus_portal.settings.test")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="bench-pdf-"))

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402

from erasmus_portal.celery import app  # noqa: E402
from reporting import services  # noqa: E402
from reporting.documents import document_html  # noqa: E402
from reporting.models import (  # noqa: E402
    DocumentKind,
    FinalReportAnswer,
    FinalReportSection,
    GeneratedDocument,
)
from reporting.pdf import FONT_FAMILY, font_face_css, render_pdf  # noqa: E402
from tests import factories  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
DOCUMENTS = int(os.environ.get("BENCH_DOCUMENTS", "100"))
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/14")
WORKER_PROCESSES = 2
TIMEOUT_SECONDS = 900

PLAIN_PAGE = f"""<!doctype html><html lang="lv"><head><meta charset="utf-8">
<style>{font_face_css()} html {{ font-family: "{FONT_FAMILY}"; }}</style></head>
<body><h1>Apliecinājums</h1><p>Ģirts Ēvalds Žūriņš-Āboliņš, Ķīļu Čiekurkalns.</p></body></html>"""


def main():
    # Eager tasks log each success at INFO; the figures are what this script prints.
    logging.getLogger("celery").setLevel(logging.WARNING)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.close()
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def run():
    project = build(DOCUMENTS)
    print(f"database: {connection.vendor}; mobilities: {DOCUMENTS}; runs per figure: {RUNS}")
    mobility = project.mobilities.order_by("number").first()
    floor = median_seconds(lambda: render_pdf(PLAIN_PAGE))
    grant = median_seconds(lambda: render(project, DocumentKind.GRANT_AGREEMENT, mobility))
    report = median_seconds(lambda: render(project, DocumentKind.FINAL_REPORT))
    print(f"\n{'median render time':<40} {'seconds':>9} {'x floor':>8}")
    for label, seconds in (
        ("plain one-page HTML (the floor)", floor),
        ("participant grant agreement", grant),
        ("final report draft", report),
    ):
        print(f"{label:<40} {seconds:9.3f} {seconds / floor:8.1f}")
    sequential = render_all_in_process(project)
    print(f"\n{DOCUMENTS} grant agreements, one after the other here: {sequential:8.2f} s")
    workers = render_all_with_workers(project)
    if workers:
        seconds, worker_peaks = workers
        print(
            f"{DOCUMENTS} grant agreements, {WORKER_PROCESSES} worker processes: {seconds:8.2f} s"
            f"  (speed-up {sequential / seconds:.2f}x; {DOCUMENTS / seconds:.1f} documents/s)"
        )
        print(f"peak memory of each worker process: {', '.join(worker_peaks)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MiB")


def build(size: int):
    school = factories.organisation(legal_name="Vidzemes Tehnoloģiju un dizaina tehnikums")
    plan = factories.plan(school)
    for number in (1, 2, 3):
        factories.goal(plan, number)
    project = factories.project(school, plan)
    host = factories.partner(school, name="CIPFP Valencia")
    for n in range(size):
        learner = factories.learner(school, first_name="Ģirts", last_name=f"Žūriņš{n}")
        factories.mobility(project, participant=learner, host=host)
    for category in ("travel", "individual_support", "organisational_support"):
        factories.awarded(project, category, "100000.00")
    for code in FinalReportSection.values:
        FinalReportAnswer.objects.create(
            project=project, section=code, text="Mērķi sasniegti; dalībnieki ieguva prasmes. " * 20
        )
    return project


def median_seconds(function) -> float:
    function()  # warm up: fonts, templates, translations
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def render(project, kind, mobility=None) -> bytes:
    document = GeneratedDocument(
        project=project, mobility=mobility, kind=kind, language="lv", version=1
    )
    return render_pdf(document_html(document))


def render_all_in_process(project) -> float:
    started = time.perf_counter()
    batch = services.document_batch_request(
        project=project, kind=DocumentKind.GRANT_AGREEMENT, language="lv"
    )
    for document_id in batch.documents.values_list("pk", flat=True):
        services.document_render(document_id=document_id)
    elapsed = time.perf_counter() - started
    assert batch.documents.filter(status="ready").count() == DOCUMENTS
    return elapsed


def render_all_with_workers(project):
    try:
        redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        print(f"(no Redis at {BROKER_URL}: the two-worker figure is skipped)")
        return None
    queue = f"bench-pdf-{uuid.uuid4().hex[:8]}"
    app.conf.update(broker_url=BROKER_URL, task_always_eager=False, task_default_queue=queue)
    # The eager tasks above made the broker pools with the old (in-memory) broker.
    app._pool = None
    app.amqp._producer_pool = None
    worker = start_worker(queue)
    try:
        started = time.perf_counter()
        batch = services.document_batch_request(
            project=project, kind=DocumentKind.GRANT_AGREEMENT, language="en"
        )
        wait_until_done(batch, worker)
        elapsed = time.perf_counter() - started
        peaks = worker_peak_memory(worker.pid)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        broker = redis.Redis.from_url(BROKER_URL)
        for key in broker.scan_iter(f"*{queue}*"):  # the queue and kombu's bindings of it
            broker.delete(key)
    failed = batch.documents.filter(status="failed").count()
    assert failed == 0, f"{failed} documents failed"
    return elapsed, peaks


def start_worker(queue: str) -> subprocess.Popen:
    environment = os.environ | {
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": BROKER_URL,
    }
    log = Path(os.environ["MEDIA_ROOT"]) / "worker.log"
    command = [
        str(Path(sys.executable).with_name("celery")),
        *("-A", "erasmus_portal", "worker", "--concurrency", str(WORKER_PROCESSES)),
        *("--queues", queue, "--hostname", f"{queue}@%h", "--loglevel", "INFO"),
        *("--without-gossip", "--without-mingle", "--without-heartbeat"),
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    # Timing starts once the worker is ready for tasks.
    deadline = time.monotonic() + 60
    while " ready." not in log.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the worker did not start; see {log}")
        time.sleep(0.1)
    return process


def wait_until_done(batch, worker) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    pending = batch.documents.exclude(status__in=GeneratedDocument.FINISHED)
    while pending.exists():
        if worker.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the worker stopped or timed out; see worker.log in MEDIA_ROOT")
        time.sleep(0.1)


def worker_peak_memory(pid: int) -> list[str]:
    """VmHWM (peak resident memory) of the worker's pool processes."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    peaks = []
    for child in children:
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(f"{int(line.split()[1]) / 1024:.0f} MiB")
    return peaks


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}{port}/{db['NAME']}"


if __name__ == "__main__":
    with translation.override("lv"):
        main()
