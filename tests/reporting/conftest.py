"""Documents are written under a temporary MEDIA_ROOT, and helpers read PDFs back."""

from datetime import date

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def minor(school):
    return factories.learner(
        school,
        first_name="Žanete",
        last_name="Ķēniņa",
        date_of_birth=date(2010, 3, 4),
        guardian_name="Ģirts Ķēniņš",
        guardian_email="girts@example.lv",
    )
