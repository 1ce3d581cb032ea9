"""Benchmark: the dashboard and the mobility list of a project with 2 000 mobilities,
served by gunicorn on this machine, next to a minimal Django view in the same process
(/health/, the framework's ceiling). Prints requests per second, median latency and the
ratio to the ceiling. Target: the dashboard at least a third of the ceiling.

    .venv/bin/python bench/pages.py            # SQLite file in a temporary directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/erasmus .venv/bin/python bench/pages.py

With PostgreSQL it works in a database of its own (<name>_bench_pages), dropped at the end.
Environment: BENCH_MOBILITIES (2000), BENCH_SECONDS per page (8), BENCH_CLIENTS (4),
BENCH_WORKERS gunicorn workers (2), CACHE_URL (redis://127.0.0.1:6379/14, as in
production; set it empty to measure the per-process cache and database sessions).
"""

import http.client
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEMP = Path(tempfile.mkdtemp(prefix="bench-pages-"))
SOURCE_URL = os.environ.get("DATABASE_URL", "")
if SOURCE_URL.startswith("postgres"):
    BENCH_URL = SOURCE_URL.rsplit("/", 1)[0] + "/" + SOURCE_URL.rsplit("/", 1)[1] + "_bench_pages"
else:
    BENCH_URL = f"sqlite:///{TEMP / 'bench.sqlite3'}"
os.environ["DATABASE_URL"] = BENCH_URL
os.environ["DJANGO_SETTINGS_MODULE"] = "erasmus_portal.settings.dev"
os.environ["DEBUG"] = "false"
# The production set-up: a shared Redis cache (and the sessions it allows), when Redis runs.
os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/14")

SIZE = int(os.environ.get("BENCH_MOBILITIES", "2000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))


def create_database():
    if not BENCH_URL.startswith("postgres"):
        return
    import psycopg2

    admin = psycopg2.connect(SOURCE_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    name = BENCH_URL.rsplit("/", 1)[1]
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()


def drop_database():
    if not BENCH_URL.startswith("postgres"):
        return
    import psycopg2

    admin = psycopg2.connect(SOURCE_URL.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{BENCH_URL.rsplit("/", 1)[1]}"')
    admin.close()


def prepare() -> tuple[int, str]:
    """The data, and a signed-in session cookie of a coordinator."""
    import django

    django.setup()
    from bench_data import build, coordinator_of
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection

    from budget.services import budget_recalculate_project

    call_command("migrate", verbosity=0)
    from django.core.cache import cache

    cache.clear()
    project = build(SIZE)
    budget_recalculate_project(project=project)
    with connection.cursor() as cursor:
        # Tables filled a moment ago: give the planner the statistics that a database in
        # use has (autovacuum's), or PostgreSQL joins every row before taking a page.
        cursor.execute("ANALYZE")
    user = coordinator_of(project, "bench")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    connection.close()
    return project.pk, f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def start_server() -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "erasmus_portal.wsgi",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--workers",
        str(WORKERS),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def hammer(path: str, cookie: str) -> dict:
    """CLIENTS keep-alive connections requesting `path` for SECONDS."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                errors.append(response.status)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return {
        "rps": len(latencies) / elapsed,
        "median_ms": statistics.median(latencies) * 1000,
        "errors": len(errors),
    }


def main():
    create_database()
    server = None
    try:
        project_id, cookie = prepare()
        server = start_server()
        pages = {
            "minimal view (/health/)": "/health/",
            "dashboard": f"/projects/{project_id}/",
            "mobility list": f"/projects/{project_id}/mobilities/",
        }
        for path in pages.values():  # warm up every worker
            hammer_path = path
            for _ in range(WORKERS * 2):
                connection = http.client.HTTPConnection("127.0.0.1", PORT)
                connection.request("GET", hammer_path, headers={"Cookie": cookie})
                connection.getresponse().read()
        print(
            f"{SIZE} mobilities; gunicorn {WORKERS} workers; {CLIENTS} clients; "
            f"{SECONDS:.0f} s per page; database {BENCH_URL.split(':', 1)[0]}"
        )
        results = {name: hammer(path, cookie) for name, path in pages.items()}
        ceiling = results["minimal view (/health/)"]["rps"]
        print(f"{'page':<26}{'req/s':>9}{'median ms':>11}{'ratio':>8}{'errors':>8}")
        for name, result in results.items():
            print(
                f"{name:<26}{result['rps']:9.1f}{result['median_ms']:11.1f}"
                f"{result['rps'] / ceiling:8.2f}{result['errors']:8d}"
            )
        ratio = results["dashboard"]["rps"] / ceiling
        print(f"dashboard / ceiling = {ratio:.2f} (target at least 0.33)")
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        drop_database()


if __name__ == "__main__":
    main()
