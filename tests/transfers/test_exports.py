"""Exports of the lists and the import templates (the Beneficiary Module's file:
test_beneficiary_module.py)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.transfer import read_dataset
from mobilities.models import Mobility
from participants.models import Participant
from projects.models import PartnerOrganisation
from tests import factories

from .conftest import confirm, preview

pytestmark = pytest.mark.django_db


def table(response):
    """Headers and rows of an exported file, as an import reads them."""
    name = response["Content-Disposition"].split('"')[1]
    dataset = read_dataset(response.content, name)
    return dataset.headers, [dict(zip(dataset.headers, row, strict=True)) for row in dataset]


def exported(client, name, fmt="csv", *args, query=""):
    response = client.get(reverse(name, args=[*args, fmt]) + query)
    assert response.status_code == 200
    return response


def test_a_list_export_has_every_row_the_filtered_list_shows(alice_client, school):
    for n in range(30):
        factories.learner(school, last_name=f"Learner{n:02d}")
    factories.staff(school)
    _headers, rows = table(
        exported(alice_client, "transfers:participant_export", query="?kind=learner")
    )
    assert len(rows) == 30  # more than a page of the list
    assert {row["Kind"] for row in rows} == {"VET learner"}
    _headers, rows = table(
        exported(alice_client, "transfers:participant_export", query="?q=Learner07")
    )
    assert [row["Last name"] for row in rows] == ["Learner07"]


def test_csv_exports_open_in_excel_and_cannot_inject_formulas(alice_client, school):
    factories.staff(school, position='=HYPERLINK("http://evil")', phone="+371 2000")
    response = exported(alice_client, "transfers:participant_export")
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",+371 2000," in text


def test_xlsx_exports_write_text_never_formulas(alice_client, school):
    factories.staff(school, position="=1+1")
    response = exported(alice_client, "transfers:participant_export", "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    position = [c for c in sheet[2] if c.value and "1+1" in str(c.value)][0]
    assert (position.value, position.data_type) == ("'=1+1", "s")
    assert sheet["E2"].value.date() == date(1980, 1, 1)  # dates stay dates


def test_a_viewers_export_leaves_out_fewer_opportunities_details(client, alice, bob, school):
    factories.learner(
        school,
        fewer_opportunities=True,
        fewer_opportunities_categories=["economic"],
        support_needs="Escort to the airport",
    )
    client.force_login(bob)
    headers, rows = table(exported(client, "transfers:participant_export"))
    assert "Fewer opportunities" in headers
    assert "Fewer-opportunities categories" not in headers
    assert "Support needs" not in headers
    assert rows[0]["Fewer opportunities"] == "yes"
    client.force_login(alice)
    headers, rows = table(exported(client, "transfers:participant_export"))
    assert rows[0]["Support needs"] == "Escort to the airport"


def test_an_export_holds_only_the_users_organisations(client, charlie, school, other_school):
    factories.learner(school)
    factories.learner(other_school, last_name="Charlies")
    client.force_login(charlie)
    _headers, rows = table(exported(client, "transfers:participant_export"))
    assert [row["Last name"] for row in rows] == ["Charlies"]
    lines = exported(client, "transfers:partner_export").content.decode("utf-8-sig").splitlines()
    assert len(lines) == 1  # the header row only


def test_exports_are_in_the_users_language(alice_client, school):
    factories.learner(school)
    alice_client.cookies.load({"django_language": "lv"})
    response = alice_client.get(
        reverse("transfers:participant_export", args=["csv"]), HTTP_ACCEPT_LANGUAGE="lv"
    )
    headers, rows = table(response)
    assert headers[:3] == ["Organizācijas OID", "Veids", "Vārds"]
    assert rows[0]["Veids"] == "PIA audzēknis"


def test_participants_survive_a_round_trip(alice_client, school):
    factories.learner(
        school,
        email="a@example.lv",
        national_id="010105-21112",
        nationality="LV",
        fewer_opportunities=True,
        fewer_opportunities_categories=["economic", "health"],
        support_needs="Ramp",
        phone="+371 2000",
        graduation_date=date(2026, 6, 1),
        learner_status="recent_graduate",
        compulsory_service_months=3,
    )
    factories.staff(school, email="", national_id="020280-12222", position="=Skolotājs")
    factories.learner(
        school, date_of_birth=date(2011, 5, 1), guardian_name="Anna", guardian_phone="+371 1"
    )
    fields = [f.name for f in Participant._meta.fields if f.name != "id"]
    before = sorted(Participant.objects.values_list(*fields))
    for fmt in ("csv", "xlsx"):
        content = exported(alice_client, "transfers:participant_export", fmt).content
        Participant.objects.all().delete()
        outcome, token = preview(alice_client, "/participants/import/", content, f"p.{fmt}")
        assert outcome.counts["new"] == 3, outcome.rows
        confirm(alice_client, token)
        assert sorted(Participant.objects.values_list(*fields)) == before


def test_partners_survive_a_round_trip(alice_client, school):
    factories.partner(school, oid="E10012345", mou_status="signed", mou_signed_on=date(2026, 1, 5))
    factories.partner(school, name="Ātrie ceļi", country="EE", city="Tartu", contact_phone="+372 5")
    fields = [f.name for f in PartnerOrganisation._meta.fields if f.name != "id"]
    before = sorted(PartnerOrganisation.objects.values_list(*fields))
    content = exported(alice_client, "transfers:partner_export", "xlsx").content
    PartnerOrganisation.objects.all().delete()
    _outcome, token = preview(alice_client, "/partners/import/", content, "p.xlsx")
    confirm(alice_client, token)
    assert sorted(PartnerOrganisation.objects.values_list(*fields)) == before


def mobility_state(project):
    fields = [
        f.name for f in Mobility._meta.fields if f.name not in ("id", "created_at", "updated_at")
    ]
    return sorted(
        (
            tuple(
                getattr(m, f)
                if f not in ("participant", "host", "sending_partner", "group", "project")
                else getattr(m, f"{f}_id")
                for f in fields
            ),
            tuple(sorted(g.number for g in m.goals.all())),
            tuple(m.grant.amounts.values()),
        )
        for m in project.mobilities.select_related("grant").prefetch_related("goals")
    )


def test_mobilities_survive_a_round_trip(alice_client, project, host, school):
    goals = list(project.erasmus_plan.goals.all())
    group = factories.group(project)
    for person in (factories.learner(school), factories.learner(school)):
        factories.mobility(
            project,
            participant=person,
            host=host,
            activity_type="learner_group",
            group=group,
            goals=goals,
        )
    factories.mobility(
        project,
        participant=factories.staff(school),
        host=host,
        activity_type="learner_group",
        group=group,
        role="accompanying_person",
    )
    group.mobilities.update(status="approved")
    expert_home = factories.partner(school, name="Berufsschule Trier", country="DE", city="Trier")
    factories.mobility(
        project,
        participant=factories.external(school),
        activity_type="invited_expert",
        host=None,
        sending_partner=expert_home,
        origin_city="Trier",
        origin_country="DE",
        destination_city="Cēsis",
        destination_country="LV",
        start_date=date(2026, 10, 5),
        end_date=date(2026, 10, 9),
        notes="=not a formula",
        distance_km=Decimal("1234.50"),
    )
    factories.mobility(
        project,
        participant=factories.staff(school),
        host=host,
        activity_type="staff_course",
        course_days=5,
        start_date=date(2026, 11, 2),
        end_date=date(2026, 11, 6),
    )
    before = mobility_state(project)
    for fmt in ("xlsx", "csv"):
        content = exported(alice_client, "transfers:mobility_export", fmt, project.pk).content
        project.mobilities.all().delete()
        outcome, token = preview(
            alice_client,
            reverse("transfers:mobility_import", args=[project.pk]),
            content,
            f"m.{fmt}",
        )
        assert outcome.counts["new"] == 5, [r.problems for r in outcome.rows]
        confirm(alice_client, token)
        assert mobility_state(project) == before


def test_the_mobility_list_export_follows_its_filters(alice_client, project, host):
    factories.mobility(project, host=host)
    factories.mobility(project, host=host, status="approved")
    _headers, rows = table(
        exported(
            alice_client, "transfers:mobility_export", "csv", project.pk, query="?status=approved"
        )
    )
    assert [row["Status"] for row in rows] == ["Approved"]


def test_another_school_cannot_export_a_project(client, charlie, project):
    client.force_login(charlie)
    for name in ("transfers:mobility_export", "transfers:beneficiary_module_export"):
        assert client.get(reverse(name, args=[project.pk, "csv"])).status_code == 404


@pytest.mark.parametrize("kind", ["participants", "partners", "mobilities"])
@pytest.mark.parametrize(("language", "first"), [("en", None), ("lv", None)])
def test_import_templates_have_headers_and_an_example_row(alice_client, kind, language, first):
    response = alice_client.get(reverse("transfers:import_template", args=[kind, language]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    headers = [c.value for c in sheet[1]]
    assert sheet.max_row == 2
    english = {"participants": "Date of birth", "partners": "Name", "mobilities": "Goals"}[kind]
    latvian = {"participants": "Dzimšanas datums", "partners": "Nosaukums", "mobilities": "Mērķi"}
    assert (latvian[kind] if language == "lv" else english) in headers


def test_the_filled_in_templates_import(alice_client, project, school):
    factories.goal(project.erasmus_plan, 3)
    for kind, target in [
        ("participants", "/participants/import/"),
        ("partners", "/partners/import/"),
        ("mobilities", reverse("transfers:mobility_import", args=[project.pk])),
    ]:
        content = alice_client.get(reverse("transfers:import_template", args=[kind, "lv"])).content
        outcome, token = preview(alice_client, target, content, f"{kind}.xlsx")
        assert [r.status for r in outcome.rows] == ["new"], (kind, outcome.rows)
        confirm(alice_client, token)


def test_list_pages_offer_exports_to_all_and_imports_to_coordinators(client, alice, bob, project):
    client.force_login(alice)
    page = client.get(reverse("participants:participant_list") + "?kind=staff").content.decode()
    assert (
        reverse("transfers:participant_export", args=["xlsx"]) + "?sort=name&amp;kind=staff" in page
    )
    assert reverse("transfers:participant_import") in page
    client.force_login(bob)
    page = client.get(reverse("mobilities:mobility_list", args=[project.pk])).content.decode()
    assert reverse("transfers:mobility_export", args=[project.pk, "csv"]) in page
    assert reverse("transfers:beneficiary_module_export", args=[project.pk, "xlsx"]) in page
    assert reverse("transfers:mobility_import", args=[project.pk]) not in page


@pytest.mark.parametrize(
    "name",
    [
        "transfers:participant_export",
        "transfers:partner_export",
        "transfers:mobility_export",
        "transfers:beneficiary_module_export",
    ],
)
def test_exports_make_a_fixed_number_of_queries(alice_client, project, host, name):
    args = (
        [] if name in ("transfers:participant_export", "transfers:partner_export") else [project.pk]
    )

    def count():
        with CaptureQueriesContext(connection) as captured:
            exported(alice_client, name, "xlsx", *args)
        return len(captured)

    factories.mobility(project, host=host)
    one = count()
    for _ in range(10):
        factories.mobility(project, host=factories.partner(project.organisation))
    assert count() == one


def test_details_are_blank_for_schools_the_user_only_views(client, alice, school, other_school):
    alice.memberships.create(organisation=other_school, role="viewer")
    for organisation in (school, other_school):
        factories.learner(
            organisation,
            fewer_opportunities=True,
            fewer_opportunities_categories=["health"],
            support_needs=f"Needs at {organisation.oid}",
        )
    client.force_login(alice)
    _headers, rows = table(exported(client, "transfers:participant_export"))
    needs = {row["Organisation OID"]: row["Support needs"] for row in rows}
    assert needs == {school.oid: f"Needs at {school.oid}", other_school.oid: ""}
