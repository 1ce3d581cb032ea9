"""Fixed personas, as in the rest of the suite: alice coordinates school A, bob views it,
charlie coordinates school B and must never see anything of A."""

import os
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from projects.models import Membership
from tests import factories
from tests.snapshot import take

# A real Celery worker on a real Redis broker, for the tests that ask for `worker`.
pytest_plugins = ["tests.worker"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests that need no test database (tests/browser/test_demo.py runs
    bin/demo on a database of its own) run first instead of among the last: the longest
    test of the suite, it would otherwise keep one worker busy after the others are done.
    The rest keeps pytest-django's order (database tests, then transactional ones)."""
    first = [item for item in items if item.get_closest_marker("browser") and not _uses_db(item)]
    items[:] = first + [item for item in items if item not in first]


def _uses_db(item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(item.get_closest_marker("django_db")) or bool(
        fixtures & {"db", "transactional_db", "live_server"}
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_keepdb):
    """Without --reuse-db, SQLite's test database file is this run's alone (its name ends
    with the process id), as runs at the same time in one checkout must not share it;
    with it, the checkout's file is kept for the next run (erasmus_portal/settings/test.py)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and not django_db_keepdb:
        database["TEST"]["NAME"] += f"-{os.getpid()}"


@pytest.fixture
def school(db):
    return factories.organisation(legal_name="Vidzemes tehnikums")


@pytest.fixture
def other_school(db):
    return factories.organisation(legal_name="Rīgas tehnikums")


@pytest.fixture
def alice(school):
    return factories.member(school, Membership.Role.COORDINATOR, username="alice")


@pytest.fixture
def bob(school):
    return factories.member(school, Membership.Role.VIEWER, username="bob")


@pytest.fixture
def charlie(other_school):
    return factories.member(other_school, Membership.Role.COORDINATOR, username="charlie")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def erasmus_plan(school):
    erasmus_plan = factories.plan(school)
    factories.goal(erasmus_plan, 1)
    factories.goal(erasmus_plan, 2)
    return erasmus_plan


@pytest.fixture
def project(school, erasmus_plan):
    return factories.project(school, erasmus_plan)


@pytest.fixture
def host(school):
    return factories.partner(school, name="CIPFP Valencia")


@pytest.fixture
def mobility(project, host):
    return factories.mobility(project, host=host)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English; tests of Latvian switch explicitly."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files go to a directory of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: rolled-back databases reuse ids and versions."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server (tests/smtp.py) that Django's SMTP backend sends to."""
    from tests.smtp import start_server

    controller, inbox = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The rows and files `manage.py seed_demo` leaves, seeded once per session (in each
    xdist worker) in a transaction that is rolled back: the database stays empty. Its
    `result` is what that first run printed."""

    def seed() -> str:
        output = StringIO()
        call_command("seed_demo", stdout=output)
        return output.getvalue()

    with django_db_blocker.unblock(), translation.override("en"):
        return take(seed, tmp_path_factory.mktemp("demo-media"))


@pytest.fixture
def demo_data(db, demo_snapshot, media_root):
    """The demo school as `manage.py seed_demo` leaves it, in this test's own database and
    MEDIA_ROOT (tests/pages.py finds its objects). The tests of seed_demo read its first
    run here too, and run it again on it."""
    demo_snapshot.restore(media_root)
