"""The demo data is seeded once per session (tests/snapshot.py, `demo_snapshot`): a test
that asks for it gets every row and file seed_demo left, and one that does not gets an
empty database. A setup taken in steps is brought from one step to the next exactly."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from participants.models import Participant
from projects.models import Organisation, Project
from tests import factories
from tests.snapshot import current_rows, take_steps

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


@pytest.fixture(scope="session")
def steps(django_db_setup, django_db_blocker, tmp_path_factory):
    """A school with two learners and a file, then one learner more, one gone, the school
    renamed and the file replaced."""

    def build():
        school = factories.organisation(legal_name="Vidzemes tehnikums")
        factories.learner(school, first_name="Anna")
        gone = factories.learner(school, first_name="Jānis")
        default_storage.save("notes/first.txt", ContentFile(b"first"))
        yield
        factories.learner(school, first_name="Marta")
        gone.delete()
        Organisation.objects.filter(pk=school.pk).update(legal_name="Cēsu tehnikums")
        default_storage.delete("notes/first.txt")
        default_storage.save("notes/second.txt", ContentFile(b"second"))

    with django_db_blocker.unblock():
        return take_steps(build, tmp_path_factory.mktemp("steps-media"))


def test_a_later_step_is_brought_over_the_earlier_row_for_row(steps, media_root):
    earlier, later = steps
    earlier.restore(media_root)
    assert current_rows() == earlier.tables
    assert (media_root / "notes" / "first.txt").read_bytes() == b"first"
    later.restore_over(earlier, media_root)
    assert current_rows() == later.tables
    assert Organisation.objects.get().legal_name == "Cēsu tehnikums"
    names = sorted(Participant.objects.values_list("first_name", flat=True))
    assert names == ["Anna", "Marta"]
    assert [path.name for path in media_root.rglob("*.txt")] == ["second.txt"]
