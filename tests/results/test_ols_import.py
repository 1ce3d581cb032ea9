"""Importing a project's OLS levels from a spreadsheet: rows named by mobility ID, the
language and the levels in English or Latvian, all rows or none."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from core.transfer import read_dataset
from results import services
from results.models import OlsAssessment
from tests import factories
from tests.transfers.conftest import confirm, csv_file, preview, upload

pytestmark = pytest.mark.django_db

HEADERS = ["Mobility ID", "Language", "Level before", "Level after"]
LATVIAN = ["Mobilitātes ID", "Valoda", "Līmenis pirms", "Līmenis pēc"]
RESOURCE = "results.resources.OlsResource"


def url(project):
    return reverse("transfers:ols_import", args=[project.pk])


def problems_at(outcome, index, header):
    return outcome.rows[index].cells[outcome.headers.index(header)].problems


@pytest.fixture
def two(project, host):
    return [factories.mobility(project, host=host) for _n in range(2)]


def test_the_levels_are_added_and_changed_from_a_latvian_file(client, alice, two):
    first, second = two
    services.ols_save(mobility=first, data={"language": "es", "level_before": "A1"})
    client.force_login(alice)
    rows = [
        LATVIAN,
        [first.reference, "Spāņu", "A1", "A2"],
        [second.reference.lower(), "en", "B1", ""],
    ]
    outcome, token = preview(client, url(first.project), csv_file(rows))
    assert [r.status for r in outcome.rows] == ["changed", "new"]
    assert OlsAssessment.objects.get().level_after == ""  # nothing yet: a dry run
    assert confirm(client, token).status_code == 302
    levels = dict(OlsAssessment.objects.values_list("mobility", "level_after"))
    assert levels == {first.pk: "A2", second.pk: ""}


def test_a_bad_row_refuses_the_whole_file_naming_the_cell(client, alice, project, two, host):
    first, second = two
    elsewhere = factories.project(project.organisation, project.erasmus_plan)
    other = factories.mobility(elsewhere, host=host)
    client.force_login(alice)
    rows = [
        HEADERS,
        [first.reference, "Spanish", "A2", "B1"],
        [second.reference, "Klingon", "A2", "D1"],
        [other.reference, "en", "A1", ""],
        ["MOB-7", "en", "A1", ""],
        [first.reference, "en", "A1", ""],
    ]
    outcome, token = preview(client, url(project), csv_file(rows))
    assert not outcome.is_valid
    assert problems_at(outcome, 1, "Language") and problems_at(outcome, 1, "Level after")
    assert problems_at(outcome, 2, "Mobility ID") == ["The project has no mobility with this ID."]
    assert "A mobility ID looks like" in problems_at(outcome, 3, "Mobility ID")[0]
    assert problems_at(outcome, 4, "Mobility ID")  # the same mobility twice
    confirm(client, token)
    assert not OlsAssessment.objects.exists()


def test_a_file_without_the_levels_column_is_refused_at_once(client, alice, two):
    client.force_login(alice)
    response = upload(client, url(two[0].project), csv_file([["Mobility ID"], [two[0].reference]]))
    assert response.status_code == 200
    assert "Level before" in response.content.decode()


def test_viewers_and_other_schools_cannot_import(client, bob, charlie, project):
    client.force_login(bob)
    assert client.get(url(project)).status_code == 403
    client.force_login(charlie)
    assert client.get(url(project)).status_code == 404


def test_the_template_has_both_languages_headers(client, alice):
    client.force_login(alice)
    for language, headers in (("en", HEADERS), ("lv", LATVIAN)):
        response = client.get(reverse("transfers:import_template", args=["ols", language]))
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [c.value for c in sheet[1]][:4] == headers


def test_an_exported_file_imports_back_with_the_command_line(tmp_path, two):
    first, second = two
    services.ols_save(
        mobility=first, data={"language": "es", "level_before": "A2", "level_after": "B1"}
    )
    out = io.TextIOWrapper(io.BytesIO())
    call_command("export", "core.transfer.CSV", RESOURCE, stdout=out)
    out.flush()
    content = out.buffer.getvalue()
    dataset = read_dataset(content, "out.csv")
    assert dataset.headers == [*HEADERS[:1], "Participant name", *HEADERS[1:]]
    assert dataset["Mobility ID"] == [first.reference]
    OlsAssessment.objects.all().delete()
    path = tmp_path / "ols.csv"
    path.write_bytes(content)
    call_command("import", RESOURCE, str(path), "--format", "core.transfer.CSV", interactive=False)
    ols = OlsAssessment.objects.get()
    assert (ols.mobility, ols.level_before, ols.level_after) == (first, "A2", "B1")
