"""What must hold on every page, checked on each page of tests/pages.py with the demo
data, in Latvian (whose decimal comma and non-breaking thousands separator are what
break a number in CSS or an attribute): it answers 200, no number in a style or another
machine-read attribute is localised, the title is plain text, no id is used twice, and
the Nu HTML Checker (vnu-jar, from npm) finds no error but htmx's hx-* attributes."""

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.pages import NOT_PAGES, PORTAL, PUBLIC, WORKSPACE, every_page, route_names

VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# htmx's attributes are not HTML's; the checker names them in these words.
HTMX_ATTRIBUTE = re.compile(r"Attribute “hx-[a-z-]+” not allowed")

# Attributes that hold text for people: a localised number is right there.
TEXT_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder", "content", "value", "data-bs-title"}
LOCALISED_NUMBER = re.compile(r"\d[,\u00a0\u202f]\d")


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if self._in_title:
            self.problems.append(f"the title holds HTML: <{tag}>")
        self._in_title = tag == "title"
        attributes = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.append(value)
            number_input = tag == "input" and attributes.get("type") in ("number", "range")
            if (name not in TEXT_ATTRIBUTES or number_input) and LOCALISED_NUMBER.search(value):
                self.problems.append(f"<{tag} {name}={value!r}>: a localised number")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def page_problems(html: str) -> list[str]:
    parser = PageParser()
    parser.feed(html)
    problems = parser.problems
    title = parser.title.strip()
    if not title or "<" in title or ">" in title or len(title) > 150:
        problems.append(f"the title is not a short plain text: {title[:80]!r}")
    problems += [f"id {i!r} is used {n} times" for i, n in Counter(parser.ids).items() if n > 1]
    return problems


def html_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu HTML Checker's errors on each page, but those about hx-* attributes; one run
    of the checker for all pages."""
    java = shutil.which("java")
    if not (java and VNU.exists()):
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Nu HTML Checker is required in CI: java and {VNU}")
        return []
    paths = {}
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths[str(path.resolve())] = name
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    return [
        f"{paths.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line "
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not HTMX_ATTRIBUTE.search(m["message"])
    ]


def test_every_route_is_a_page_or_says_why_not():
    pages = set(WORKSPACE) | set(PORTAL) | set(PUBLIC)
    listed = pages | set().union(*NOT_PAGES.values())
    assert route_names() - listed == set(), "add the new route to tests/pages.py"
    assert listed - route_names() == set(), "tests/pages.py names a route that is gone"


@pytest.mark.django_db
def test_every_page_holds_in_latvian(client, tmp_path, demo_data):
    users = {user.username: user for user in get_user_model().objects.all()}
    problems = []
    pages = {}
    for page in every_page():
        client.logout()
        if page.user:
            client.force_login(users[page.user])
        client.cookies["django_language"] = "lv"
        response = client.get(page.url)
        if response.status_code != 200:
            problems.append(f"{page.name} {page.url}: status {response.status_code}")
            continue
        html = response.content.decode()
        assert 'lang="lv"' in html, page.url
        problems += [f"{page.name}: {problem}" for problem in page_problems(html)]
        pages[f"{page.name}-{page.user}"] = html
    problems += html_errors(pages, tmp_path)
    assert problems == [], "\n".join(problems)
