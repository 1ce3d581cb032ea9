"""A real headless Chromium (Debian's) driven by Playwright against the live test server.

Without /usr/bin/chromium the browser tests are skipped, except in CI (CI=true), where a
missing browser is a failure."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Chromium's own connections are refused by the closed network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    yield from chromium()


def chromium():
    """A launched Chromium, closed when the generator is. While it runs, so does
    Playwright's event loop in this thread: nothing else here may run one (asyncio.run)."""
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI: {CHROMIUM} not found")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, so Django's async guard does not apply here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server):
    """A new browser page of the given width, signed in as `user` (password secret-pass-123),
    on the page the sign-in leads to (`landing`: the portal for participants)."""
    contexts = []

    def open_page(user, *, width=1280, height=900, language="en-GB", landing="/"):
        context = browser.new_context(viewport={"width": width, "height": height}, locale=language)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "secret-pass-123")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}{landing}")
        return page

    yield open_page
    for context in contexts:
        context.close()
