"""Every page of tests/pages.py in Chromium, with the demo data, in Latvian and English:
the coordinator's workspace at 1366 px, the portal at 375 px. On each: no critical or
serious accessibility violation (axe-core, from npm), nothing refused by the
Content-Security-Policy, no script error, and nothing wider than the screen."""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.pages import every_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "erasmus-demo"
WIDTHS = {"marta": 375, "inga": 375}  # participants and guardians are on phones
# A page has settled when no request of its own is pending at two checks this far apart.
# Playwright's "networkidle" waits 500 ms without one on every page: 35 s of the run.
QUIET_CHECK_MS = 25
SETTLE_SECONDS = 15
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => v.impact === "critical" || v.impact === "serious")
    .map(v => {
      const where = v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ");
      return `${v.impact} ${v.id}: ${v.help} (${where})`;
    });
}"""


@pytest.fixture
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core is required in CI: {AXE} not found (bin/setup-venv installs it)")
        pytest.skip("axe-core is not installed (npm install)")
    return AXE.read_text()


class Visitor:
    """One signed-in browser page per user, collecting what the browser complains about."""

    def __init__(self, browser, live_server, language: str):
        self.browser, self.live_server, self.language = browser, live_server, language
        self.pages = {}
        self.pending = {}  # each page's requests not answered yet
        self.complaints: list[str] = []

    def page(self, user: str | None):
        if user in self.pages:
            return self.pages[user]
        width = WIDTHS.get(user, 1366)
        context = self.browser.new_context(
            viewport={"width": width, "height": 900}, locale=self.language
        )
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.complaints.append(f"script error: {error}"))
        pending = self.pending[page] = set()
        page.on("request", lambda request: pending.add(request))
        page.on("requestfinished", lambda request: pending.discard(request))
        page.on("requestfailed", lambda request: pending.discard(request))
        if user:
            page.goto(f"{self.live_server.url}/accounts/login/")
            page.fill("#id_username", user)
            page.fill("#id_password", DEMO_PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()
        self.pages[user] = page
        return page

    def settle(self, page):
        """Waits, after the load event, until every request the page made was answered,
        those its answers start too (an htmx fragment, a font), and none started since."""
        pending = self.pending[page]
        deadline = time.monotonic() + SETTLE_SECONDS
        quiet_checks = 0
        while quiet_checks < 2:
            assert time.monotonic() < deadline, f"still loading: {[r.url for r in pending]}"
            page.wait_for_timeout(QUIET_CHECK_MS)  # the events arrive while it waits
            quiet_checks = 0 if pending else quiet_checks + 1

    def _console(self, message):
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.complaints.append(f"console: {message.text[:300]}")

    def close(self):
        for page in self.pages.values():
            page.context.close()


@pytest.mark.parametrize("language", ["lv-LV", "en-GB"])
def test_every_page_is_accessible_and_runs_under_the_policy(
    browser, live_server, axe_source, language, demo_data
):
    visitor = Visitor(browser, live_server, language)
    problems = []
    try:
        for page_info in every_page():
            page = visitor.page(page_info.user)
            visitor.complaints.clear()
            page.goto(f"{live_server.url}{page_info.url}")
            visitor.settle(page)
            page.evaluate(axe_source)
            found = page.evaluate(RUN_AXE) + list(visitor.complaints)
            width = WIDTHS.get(page_info.user, 1366)
            if page.evaluate("document.documentElement.scrollWidth") > width:
                found.append("wider than the screen")
            problems += [f"{page_info.name} {page_info.url}: {problem}" for problem in found]
    finally:
        visitor.close()
    assert problems == [], "\n".join(problems)
