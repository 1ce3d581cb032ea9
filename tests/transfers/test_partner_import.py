"""Importing partner organisations: matched on the OID, or on name and city without one."""

import pytest

from projects.models import PartnerOrganisation
from tests import factories

from .conftest import confirm, csv_file, preview

pytestmark = pytest.mark.django_db

URL = "/partners/import/"
HEADERS = ["Name", "Kind", "OID", "Country", "City", "Memorandum of understanding"]


def statuses(outcome):
    return [row.status for row in outcome.rows]


def test_partners_are_imported_with_country_names_in_latvian(alice_client, school):
    rows = [
        HEADERS,
        ["CIPFP Ausiàs March", "Host VET provider", "E10012345", "Spānija", "Valencia", ""],
        ["Autoserviss Tallinn", "host_company", "", "Estonia", "Tallinn", "Draft"],
    ]
    outcome, token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["new", "new"]
    confirm(alice_client, token)
    valencia = PartnerOrganisation.objects.get(oid="E10012345")
    assert (valencia.organisation, valencia.country.code, valencia.kind) == (
        school,
        "ES",
        "host_vet_provider",
    )
    assert PartnerOrganisation.objects.get(oid="").mou_status == "draft"


def test_a_partner_is_matched_on_its_oid(alice_client, school):
    known = factories.partner(school, name="Old name", oid="E10012345")
    rows = [HEADERS, ["New name", "host_company", "E10012345", "ES", "Valencia", ""]]
    outcome, token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["changed"]
    confirm(alice_client, token)
    known.refresh_from_db()
    assert known.name == "New name"


def test_a_partner_without_oid_is_matched_on_name_and_city(alice_client, school):
    known = factories.partner(school, name="Autoserviss", city="Tallinn", country="EE")
    rows = [HEADERS, ["AUTOSERVISS", "host_company", "", "EE", "tallinn", "None"]]
    outcome, _token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["changed"]  # the name's case
    rows = [HEADERS, ["Autoserviss", "host_company", "E10099999", "EE", "Tallinn", "None"]]
    _outcome, token = preview(alice_client, URL, csv_file(rows))
    confirm(alice_client, token)
    known.refresh_from_db()
    assert known.oid == "E10099999"
    assert PartnerOrganisation.objects.count() == 1


def test_an_invalid_oid_and_a_signed_memorandum_without_date_are_explained(alice_client):
    rows = [
        HEADERS,
        ["A", "host_company", "123", "ES", "Valencia", ""],
        ["B", "host_company", "", "ES", "Valencia", "Signed"],
    ]
    outcome, token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["invalid", "invalid"]
    oid = outcome.rows[0].cells[outcome.headers.index("OID")]
    assert "letter E followed by 8 digits" in oid.problems[0]
    assert outcome.rows[1].problems == ["A signed memorandum needs its signature date."]
    assert confirm(alice_client, token).status_code == 200
    assert not PartnerOrganisation.objects.exists()


def test_the_same_oid_twice_in_a_file_is_refused(alice_client):
    rows = [
        HEADERS,
        ["A", "host_company", "E10012345", "ES", "Valencia", ""],
        ["B", "host_company", "E10012345", "ES", "Madrid", ""],
    ]
    outcome, _token = preview(alice_client, URL, csv_file(rows))
    assert statuses(outcome) == ["new", "invalid"]
