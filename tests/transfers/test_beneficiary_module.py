"""The Beneficiary Module's mobility file written by the portal, and a file of the Module
read back and compared with the portal."""

import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from budget.choices import ActivityType
from mobilities.beneficiary_module import (
    ACTIVITY_TYPE_CODES,
    COMPARED,
    MODULE_COLUMNS,
    MODULE_HEADERS,
)
from mobilities.models import Mobility
from projects.models import Project
from tests import factories

from .conftest import csv_file, form_errors, upload, xlsx_file

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


def changed_file(content: bytes, changes: dict[tuple[str, str], object]) -> bytes:
    """The workbook with the cells (mobility activity ID, header) set to new values, as a
    coordinator would edit it."""
    book = load_workbook(io.BytesIO(content))
    sheet = book.active
    headers = [cell.value for cell in sheet[1]]
    ids = {row[2].value: row for row in sheet.iter_rows(2)}
    for (mobility_id, header), value in changes.items():
        ids[mobility_id][headers.index(header)].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def compare(client, project, content: bytes, name="module.xlsx"):
    response = upload(client, compare_url(project), content, name)
    assert response.status_code == 200
    return response


def compare_url(project) -> str:
    return reverse("transfers:beneficiary_module_compare", args=[project.pk])


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
    assert set(COMPARED) <= set(MODULE_HEADERS)
    assert all(column.note for column in MODULE_COLUMNS if not column.confirmed)


def test_the_readme_lists_exactly_the_unconfirmed_columns():
    text = README.read_text()
    listed = re.search(r"Unconfirmed\s+columns:\s+(.+?”)\.", text, re.DOTALL)
    assert listed, "the README's Beneficiary Module paragraph lists the unconfirmed columns"
    names = {" ".join(name.split()) for name in re.findall(r"“([^”]+)”", listed.group(1))}
    assert names == {column.header for column in MODULE_COLUMNS if not column.confirmed}


# --- Reading the Module's file back ---------------------------------------------------------


def test_the_exported_file_read_back_agrees_with_the_portal(alice_client, project, mobilities):
    for fmt in ("xlsx", "csv"):
        comparison = compare(
            alice_client, project, export(alice_client, project, fmt), f"module.{fmt}"
        ).context["comparison"]
        assert comparison.agrees, (fmt, comparison)
        assert comparison.same == 2


def test_a_changed_date_and_amount_are_exactly_the_differences(alice_client, project, mobilities):
    learner, teacher, _cancelled = mobilities
    content = changed_file(
        export(alice_client, project),
        {
            (learner.reference, "End date"): datetime(2026, 9, 30),
            (teacher.reference, "Travel (EUR)"): 100,
        },
    )
    response = compare(alice_client, project, content)
    comparison = response.context["comparison"]
    assert comparison.same == 0
    assert not (comparison.only_in_file or comparison.only_in_portal or comparison.problems)
    found = {
        (changed.mobility, d.column, d.portal, d.file)
        for changed in comparison.changed
        for d in changed.differences
    }
    assert found == {
        (learner, "End date", date(2026, 9, 28), date(2026, 9, 30)),
        (teacher, "Travel (EUR)", teacher.grant.travel, Decimal("100.00")),
    }
    page = response.content.decode()
    assert "30/09/2026" in page and "100.00\xa0EUR" in page


def test_nothing_in_the_portal_changes(alice_client, project, mobilities):
    learner = mobilities[0]
    before = Mobility.objects.get(pk=learner.pk)
    content = changed_file(
        export(alice_client, project), {(learner.reference, "Start date"): datetime(2026, 8, 1)}
    )
    compare(alice_client, project, content)
    after = Mobility.objects.get(pk=learner.pk)
    assert (after.start_date, after.revision, after.updated_at) == (
        before.start_date,
        before.revision,
        before.updated_at,
    )


def test_the_modules_own_ids_match_and_its_dates_and_sub_rows_are_read(
    alice_client, project, mobilities
):
    learner = mobilities[0]
    # <the project number's last digits>-MOB-<number>, as the Module numbers mobilities
    short = "-".join(learner.reference.split("-")[-3:])
    rows = [
        ["Data type*", "Grant Agreement No.", "Mobility Activity ID", "Start Date", "End Date"],
        ["Mobility", project.grant_agreement_number, short, "01-09-2026", "28-09-2026"],
        ["Itinerary", project.grant_agreement_number, short, "", ""],
    ]
    comparison = compare(alice_client, project, csv_file(rows), "module.csv").context["comparison"]
    assert (comparison.same, comparison.sub_rows) == (1, 1)
    assert [m.pk for m in comparison.only_in_portal] == [mobilities[1].pk]
    assert "Participant first name" in comparison.not_compared


def test_unknown_ids_and_missing_mobilities_are_listed(alice_client, project, mobilities):
    learner, teacher, cancelled = mobilities
    gan = project.grant_agreement_number
    rows = [
        ["Mobility activity ID", "Participant first name", "Participant last name"],
        [learner.reference, learner.participant.first_name, learner.participant.last_name],
        [f"{gan}-MOB-00999", "Ilze", "Bērziņa"],
        [cancelled.reference, "", ""],
        ["2025-1-LV01-KA121-VET-000000001-MOB-00001", "Anna", "Liepa"],
    ]
    response = compare(alice_client, project, xlsx_file(rows))
    comparison = response.context["comparison"]
    assert comparison.same == 1
    assert [(r.line, r.name, r.cancelled) for r in comparison.only_in_file] == [
        (3, "Ilze Bērziņa", False),
        (4, "", True),
        (5, "Anna Liepa", False),
    ]
    assert comparison.only_in_portal == [teacher]
    page = response.content.decode()
    assert f"{gan}-MOB-00999" in page and "Cancelled in the portal." in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7 binary \x00\x01\x02", "agreement.pdf", "The file's characters"),
        (b"\xd0\xcf\x11\xe0old excel", "module.xls", "This is not a CSV or XLSX file"),
        (b"", "module.csv", "The submitted file is empty."),
        (
            csv_file([["Grant Agreement No.", "Start date"], ["x", "2026-09-01"]]),
            "module.csv",
            "The file has no column “Mobility activity ID”",
        ),
        (
            csv_file([["Mobility activity ID", "Mobility ID"], ["a", "b"]]),
            "module.csv",
            "The columns “Mobility activity ID” and “Mobility ID” are the same column.",
        ),
    ],
)
def test_a_file_that_cannot_be_compared_is_answered_in_one_sentence(
    alice_client, project, mobilities, content, name, message
):
    response = upload(alice_client, compare_url(project), content, name)
    assert response.status_code == 200
    assert response.context["comparison"] is None
    assert message in form_errors(response)


def test_another_projects_file_is_refused(alice_client, project, mobilities):
    rows = [
        ["Grant Agreement No.", "Mobility activity ID"],
        ["2025-1-LV01-KA121-VET-000000001", "2025-1-LV01-KA121-VET-000000001-MOB-00001"],
    ]
    response = upload(alice_client, compare_url(project), csv_file(rows), "module.csv")
    assert "The file is for the grant agreement 2025-1-LV01-KA121-VET-000000001" in form_errors(
        response
    )


def test_unreadable_cells_are_named_by_line_and_column(alice_client, project, mobilities):
    learner, teacher, _cancelled = mobilities
    rows = [
        ["Mobility activity ID", "Start date", "Travel (EUR)", "Participant first name"],
        [learner.reference, "1st of September", "", learner.participant.first_name],
        [teacher.reference, "2026-10-05", "a lot", "=A1"],
        ["", "2026-10-05", "", ""],
        [teacher.reference, "2026-10-05", "", ""],
    ]
    response = compare(alice_client, project, csv_file(rows), "module.csv")
    problems = [(p.line, p.column) for p in response.context["comparison"].problems]
    assert problems == [
        (2, "Start date"),
        (3, "Participant first name"),
        (3, "Travel (EUR)"),
        (4, "Mobility activity ID"),
        (5, "Mobility activity ID"),
    ]
    page = response.content.decode()
    assert "Line 2, “Start date”: Write the date as 2026-09-01 or 01.09.2026." in page
    assert "Line 5, “Mobility activity ID”: Line 3 already has this mobility activity ID." in page


def test_comparing_makes_a_fixed_number_of_queries(alice_client, project, host):
    def count():
        content = export(alice_client, project)
        with CaptureQueriesContext(connection) as captured:
            compare(alice_client, project, content)
        return len(captured)

    factories.mobility(project, host=host)
    one = count()
    for _ in range(5):
        factories.mobility(project, host=factories.partner(project.organisation))
    assert count() == one


# --- Who may compare ------------------------------------------------------------------------


def test_a_viewer_may_not_compare(client, bob, project, mobilities):
    client.force_login(bob)
    assert client.get(compare_url(project)).status_code == 403
    content = xlsx_file([["Mobility activity ID"], [mobilities[0].reference]])
    assert upload(client, compare_url(project), content, "module.xlsx").status_code == 403


def test_another_school_does_not_find_the_project(client, charlie, project, mobilities):
    client.force_login(charlie)
    assert client.get(compare_url(project)).status_code == 404
    content = xlsx_file([["Mobility activity ID"], [mobilities[0].reference]])
    assert upload(client, compare_url(project), content, "module.xlsx").status_code == 404


def test_the_menu_offers_the_comparison_to_coordinators_only(client, alice, bob, project):
    page_of = reverse("mobilities:mobility_list", args=[project.pk])
    client.force_login(alice)
    assert compare_url(project) in client.get(page_of).content.decode()
    client.force_login(bob)
    assert compare_url(project) not in client.get(page_of).content.decode()


def test_the_demo_projects_file_has_every_activity_and_reads_back_unchanged(client, demo_data):
    project = Project.objects.order_by("pk").first()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    content = export(client, project)
    rows = rows_by_id(workbook(content))
    expected = project.mobilities.exclude(status=Mobility.Status.CANCELLED)
    assert len(rows) == expected.count()
    codes = {code.code for code in ACTIVITY_TYPE_CODES.values()}
    assert {row["Activity type"] for row in rows.values()} == codes
    assert compare(client, project, content).context["comparison"].agrees
