"""The resources with django-import-export's own `import` and `export` commands."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.transfer import read_dataset
from mobilities.models import Mobility
from participants.models import Participant
from tests import factories

from .conftest import csv_file

pytestmark = pytest.mark.django_db

PARTICIPANTS = "participants.resources.ParticipantResource"
MOBILITIES = "mobilities.resources.MobilityResource"


def export(fmt: str, resource: str) -> bytes:
    out = io.TextIOWrapper(io.BytesIO())
    call_command("export", fmt, resource, stdout=out)
    out.flush()
    return out.buffer.getvalue()


def run_import(tmp_path, resource, content: bytes, name="in.csv", fmt="core.transfer.CSV"):
    path = tmp_path / name
    path.write_bytes(content)
    err = io.StringIO()
    call_command("import", resource, str(path), "--format", fmt, interactive=False, stderr=err)
    return err.getvalue()


def test_the_export_command_writes_every_participant_with_english_headers(school, other_school):
    factories.learner(school, last_name="Ozoliņa")
    factories.learner(other_school, last_name="Liepa")
    dataset = read_dataset(export("core.transfer.CSV", PARTICIPANTS), "out.csv")
    assert dataset.headers[:3] == ["Organisation OID", "Kind", "First name"]
    assert sorted(dataset["Last name"]) == ["Liepa", "Ozoliņa"]


def test_the_export_command_also_works_with_django_import_exports_formats(project, host):
    factories.mobility(project, host=host)
    text = export("CSV", MOBILITIES).decode()
    assert text.startswith("Mobility ID,Project,Participant")
    assert f"{project.grant_agreement_number}-MOB-00001" in text


def test_an_exported_file_imports_back_unchanged_with_the_import_command(tmp_path, school):
    factories.learner(school, email="a@example.lv")
    content = export("core.transfer.XLSX", PARTICIPANTS)
    Participant.objects.all().delete()
    messages = run_import(tmp_path, PARTICIPANTS, content, "in.xlsx", "core.transfer.XLSX")
    assert "1 new" in messages
    assert Participant.objects.get().organisation == school
    messages = run_import(tmp_path, PARTICIPANTS, content, "in.xlsx", "core.transfer.XLSX")
    assert "0 new, 0 updated, 0 deleted and 1 skipped" in messages


def test_the_import_command_refuses_a_file_with_an_invalid_row(tmp_path, school):
    rows = [
        [
            "Organisation OID",
            "Kind",
            "First name",
            "Last name",
            "Date of birth",
            "E-mail",
            "Position",
        ],
        [school.oid, "staff", "Anna", "Liepa", "1980-01-01", "a@example.lv", "Skolotāja"],
        [school.oid, "staff", "Ben", "Kalns", "31.02.1980", "b@example.lv", "Skolotājs"],
    ]
    path = tmp_path / "in.csv"
    path.write_bytes(csv_file(rows))
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import", PARTICIPANTS, str(path), interactive=False, stderr=err)
    assert "Line 3, Date of birth: There is no such day: 31.02.1980." in err.getvalue()
    assert not Participant.objects.exists()


def test_the_import_command_prints_why_a_file_is_refused(tmp_path, capsys):
    path = tmp_path / "in.csv"
    path.write_bytes(csv_file([["Kind"], ["staff"]]))
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import",
            PARTICIPANTS,
            str(path),
            "--format",
            "core.transfer.CSV",
            interactive=False,
            stderr=err,
        )
    assert "lacks the columns" in err.getvalue()
    assert "Organisation OID" in err.getvalue()


def test_an_unreadable_file_is_a_command_error_not_a_traceback(tmp_path):
    with pytest.raises(CommandError, match="The file is empty"):
        run_import(tmp_path, PARTICIPANTS, b"")


def test_mobilities_name_their_project_on_the_command_line(tmp_path, project, host):
    participant = factories.learner(project.organisation)
    rows = [
        [
            "Project",
            "Participant",
            "Activity type",
            "Host organisation",
            "City of origin",
            "Country of origin",
            "Destination city",
            "Destination country",
            "Start date",
            "End date",
            "Travel days",
            "Goals",
        ],
        [
            project.grant_agreement_number,
            participant.email,
            "learner_short_term",
            host.name,
            "Cēsis",
            "LV",
            "Valencia",
            "ES",
            "2026-09-01",
            "2026-09-28",
            "2",
            "1",
        ],
    ]
    run_import(tmp_path, MOBILITIES, csv_file(rows, delimiter=";"))
    mobility = Mobility.objects.get()
    assert (mobility.project, mobility.grant.fundable) == (project, True)
