"""The demo data is seeded once per session (tests/snapshot.py, `demo_snapshot`): a test
that asks for it gets every row and file seed_demo left, and one that does not gets an
empty database."""

import pytest
from django.contrib.auth import get_user_model

from projects.models import Project
from tests.snapshot import current_rows

pytestmark = pytest.mark.django_db


def test_the_demo_data_is_put_back_row_for_row(demo_snapshot, demo_data):
    assert current_rows() == demo_snapshot.tables
    assert Project.objects.count() == 1


def test_the_demo_files_are_copied_to_the_tests_media_root(demo_snapshot, demo_data, media_root):
    files = [path for path in demo_snapshot.media.rglob("*") if path.is_file()]
    assert files
    for path in files:
        copy = media_root / path.relative_to(demo_snapshot.media)
        assert copy.read_bytes() == path.read_bytes()


def test_a_test_without_the_demo_data_has_an_empty_database(demo_snapshot):
    assert not Project.objects.exists()
    assert not get_user_model().objects.exists()
