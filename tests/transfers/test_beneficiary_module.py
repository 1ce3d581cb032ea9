"""The Beneficiary Module's mobility file written by the portal."""

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from budget.choices import ActivityType
from mobilities.beneficiary_module import (
    ACTIVITY_TYPE_CODES,
    MODULE_COLUMNS,
    MODULE_HEADERS,
)
from mobilities.models import Mobility
from tests import factories

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def export(client, project, fmt="xlsx") -> bytes:
    response = client.get(reverse("transfers:beneficiary_module_export", args=[project.pk, fmt]))
    assert response.status_code == 200
    return response.content


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def rows_by_id(sheet) -> dict[str, dict]:
    headers = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    return {row["Mobility activity ID"]: row for row in rows}


@pytest.fixture
def host(school):
    return factories.partner(school, name="CIPFP Valencia", oid="E10012345")


@pytest.fixture
def mobilities(project, host, school):
    """A learner, a teacher job shadowing with green travel, and a cancelled mobility."""
    learner = factories.mobility(project, host=host)
    teacher = factories.mobility(
        project,
        participant=factories.staff(school, first_name="Jānis", last_name="Ozoliņš"),
        host=host,
        activity_type="staff_job_shadowing",
        green_travel=True,
        start_date=date(2026, 10, 5),
        end_date=date(2026, 10, 16),
    )
    cancelled = factories.mobility(project, host=host)
    cancelled.status = Mobility.Status.CANCELLED
    cancelled.save()
    return learner, teacher, cancelled


# --- The file the portal writes ------------------------------------------------------------


def test_the_module_file_has_the_modules_headers_in_any_language(client, bob, project, mobilities):
    client.force_login(bob)  # viewers may export
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lv"
    sheet = workbook(export(client, project))
    assert tuple(cell.value for cell in sheet[1]) == MODULE_HEADERS
    assert MODULE_HEADERS[:3] == ("Data type", "Grant Agreement No.", "Mobility activity ID")


def test_the_module_file_has_a_row_per_mobility_not_cancelled_in_the_modules_codes(
    alice_client, project, mobilities, host, school
):
    learner, teacher, cancelled = mobilities
    rows = rows_by_id(workbook(export(alice_client, project)))
    assert set(rows) == {learner.reference, teacher.reference}
    row = rows[learner.reference]
    assert row["Data type"] == "Mobility"
    assert row["Grant Agreement No."] == project.grant_agreement_number
    assert row["Activity type"] == "LM-SHORT-VET"
    assert (row["Participant first name"], row["Participant last name"]) == (
        learner.participant.first_name,
        learner.participant.last_name,
    )
    assert row["Participant's date of birth"] == datetime(2005, 1, 1)  # a date cell
    assert (row["Start date"], row["End date"]) == (datetime(2026, 9, 1), datetime(2026, 9, 28))
    assert (row["Duration (days)"], row["Travel days"]) == (28, 2)
    assert (row["Sending Organisation OID"], row["Sending country"], row["Sending city"]) == (
        school.oid,
        "LV",
        "Cēsis",
    )
    assert (row["Receiving Organisation OID"], row["Receiving country"]) == (host.oid, "ES")
    assert (row["Accompanying person"], row["Green travel"]) == ("No", "No")
    assert row["Participant with fewer opportunities"] == "No"
    assert row["Distance band"] == "Between 2000 and 2999 KM"
    assert Decimal(str(row["Travel (EUR)"])) == learner.grant.travel
    assert Decimal(str(row["Total grant (EUR)"])) == learner.grant.total > 0
    assert row["Participant report status"] == "Not sent"
    staff = rows[teacher.reference]
    assert (staff["Activity type"], staff["Green travel"]) == ("SM-JOB-SHDW", "Yes")


def test_the_module_file_in_csv_writes_iso_dates(alice_client, project, mobilities):
    text = export(alice_client, project, "csv").decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith("Data type,Grant Agreement No.,Mobility activity ID,")
    assert ",2026-09-01,2026-09-28,28,2," in first


def test_an_incoming_expert_is_sent_by_the_partner_and_received_by_the_school(
    alice_client, project, school
):
    home = factories.partner(
        school, name="Berufsschule Trier", oid="E10077777", country="DE", city="Trier"
    )
    expert = factories.mobility(
        project,
        participant=factories.external(school),
        activity_type="invited_expert",
        host=None,
        sending_partner=home,
        origin_city="Trier",
        origin_country="DE",
        destination_city="Cēsis",
        destination_country="LV",
        start_date=date(2026, 10, 5),
        end_date=date(2026, 10, 9),
    )
    row = rows_by_id(workbook(export(alice_client, project)))[expert.reference]
    assert (row["Activity type"], row["Sending Organisation OID"]) == ("OA-INV-EXP", "E10077777")
    assert (row["Receiving Organisation OID"], row["Receiving city"]) == (school.oid, "Cēsis")


def test_every_activity_has_a_module_code_and_eight_are_confirmed():
    assert set(ACTIVITY_TYPE_CODES) == set(ActivityType.values)
    unconfirmed = {a for a, code in ACTIVITY_TYPE_CODES.items() if not code.confirmed}
    assert unconfirmed == {ActivityType.LEARNER_GROUP, ActivityType.PREPARATORY_VISIT}


def test_the_table_has_one_entry_per_column_and_says_why_a_column_is_unconfirmed():
    assert len(set(MODULE_HEADERS)) == len(MODULE_HEADERS)
    assert all(column.note for column in MODULE_COLUMNS if not column.confirmed)


def test_the_readme_lists_exactly_the_unconfirmed_columns():
    text = README.read_text()
    listed = re.search(r"Unconfirmed\s+columns:\s+(.+?”)\.", text, re.DOTALL)
    assert listed, "the README's Beneficiary Module paragraph lists the unconfirmed columns"
    names = {" ".join(name.split()) for name in re.findall(r"“([^”]+)”", listed.group(1))}
    assert names == {column.header for column in MODULE_COLUMNS if not column.confirmed}
