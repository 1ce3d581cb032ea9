"""`bin/demo` as a new user runs it: the demo data on SQLite, with a real Celery worker on
kombu's filesystem broker. Generating a kind of document for the whole project answers at
once with the documents queued, and the worker renders them while the page shows their
progress, in Chromium, until the batch downloads as a ZIP."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 300
RENDER_SECONDS = 240


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, "bin/demo exited:\n" + log.read_text(errors="replace")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("bin/demo did not answer in time:\n" + log.read_text(errors="replace"))


@pytest.fixture(scope="module")
def browser():
    """A Chromium of this module's own, closed after it: the module runs first
    (tests/conftest.py), and the session's browser would keep Playwright's event loop
    running under the tests that follow (pyHanko's signing runs one of its own)."""
    yield from chromium()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env |= {
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "CELERY_BROKER_FOLDER": str(folder / "broker"),
        "DEMO_WORKER_LOG": str(folder / "worker.log"),
        "PORT": f"127.0.0.1:{port}",
    }
    log = folder / "demo.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(ROOT / "bin" / "demo")],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/health/", process, log)
        yield url, folder
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_the_demo_renders_a_projects_documents_in_the_background(browser, demo):
    url, folder = demo
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", "coordinator")
    page.fill("#id_password", "erasmus-demo")
    page.click("button[type=submit]")
    page.get_by_role("link", name="2026-1-LV01-KA121-VET-000123456").first.click()
    page.goto(page.url.rstrip("/") + "/documents/")

    page.select_option("#id_kind", "grant_agreement")
    page.select_option("#id_language", "lv")
    page.locator("form[action$='/documents/batch/'] button[type=submit]").click()

    progress = page.locator("#batches [data-progress]").first
    expect(progress).to_be_visible()
    done, total = (int(n) for n in progress.get_attribute("data-progress").split("/"))
    # The request only queued them: the page came back before the worker was through.
    assert total > 10 and done < total
    expect(progress).to_have_attribute(
        "data-progress", f"{total}/{total}", timeout=RENDER_SECONDS * 1000
    )
    expect(page.locator("#batches").get_by_text("visus ZIP arhīvā")).to_be_visible()
    assert "render_document" in (folder / "worker.log").read_text(errors="replace")
    context.close()
