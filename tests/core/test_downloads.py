"""Every download of people's data is private: never kept by the browser or a proxy."""

import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def participant(school):
    return factories.learner(school, first_name="Anna", last_name="Ozola")


def assert_private(response):
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_of_participants_is_private(client, alice, participant, fmt):
    client.force_login(alice)
    assert_private(client.get(reverse("transfers:participant_export", args=[fmt])))


def test_an_export_of_mobilities_is_private(client, alice, mobility):
    client.force_login(alice)
    assert_private(
        client.get(reverse("transfers:mobility_export", args=[mobility.project_id, "csv"]))
    )


def test_the_final_report_draft_is_private(client, alice, project):
    client.force_login(alice)
    response = client.get(reverse("reporting:final_report_text", args=[project.pk]))
    assert_private(response)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
