"""A mobility goes where its host is: every path that saves a mobility (service, form,
admin, import) refuses a destination country other than the host's, and an empty
destination is filled in from the host."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from mobilities.models import Mobility
from tests import factories
from tests.form_data import form_data
from tests.mobilities.test_pages import mobility_data
from tests.transfers.conftest import csv_file, preview

pytestmark = pytest.mark.django_db

KAUNAS_REFUSED = (
    "The host Valencia Centre is in Spain; the destination country must be Spain, not Lithuania."
)


@pytest.fixture
def valencia(school):
    return factories.partner(school, name="Valencia Centre", country="ES", city="Valencia")


def errors_of(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def to_kaunas(project, host, **overrides):
    values = {"host": host, "destination_city": "Kaunas", "destination_country": "LT"}
    return factories.mobility(project, **(values | overrides))


def test_it_refuses_a_destination_country_other_than_the_hosts(project, valencia):
    errors = errors_of(lambda: to_kaunas(project, valencia))
    assert errors["destination_country"] == [KAUNAS_REFUSED]


def test_the_refusal_names_both_countries_in_latvian(project, valencia):
    with translation.override("lv"):
        errors = errors_of(lambda: to_kaunas(project, valencia))
    assert errors["destination_country"] == [
        "Uzņemošās organizācijas Valencia Centre valsts ir Spānija, tāpēc galamērķa valstij "
        "jābūt tai pašai: Spānija, nevis Lietuva."
    ]


def test_the_rule_is_for_mobilities_abroad_not_for_those_the_school_hosts(project, valencia):
    # A hosted teacher has no host (the school receives them): only that is said.
    teacher = factories.external(project.organisation)
    hosted = errors_of(
        lambda: to_kaunas(
            project,
            valencia,
            participant=teacher,
            activity_type="hosted_teacher",
            destination_city="Cēsis",
            destination_country="LV",
            end_date=date(2026, 9, 20),
        )
    )
    assert "leave the host empty" in hosted["host"][0]
    assert "destination_country" not in hosted
    # A teacher sent to teach at the same host must go to its country.
    staff = factories.staff(project.organisation)
    sent = errors_of(
        lambda: to_kaunas(project, valencia, participant=staff, activity_type="staff_teaching")
    )
    assert sent["destination_country"] == [KAUNAS_REFUSED]


def test_an_empty_destination_is_where_the_host_is(project, valencia):
    mobility = factories.mobility(
        project, host=valencia, destination_city="", destination_country=""
    )
    assert (mobility.destination_city, mobility.destination_country.code) == ("Valencia", "ES")


class TestTheForm:
    def test_it_refuses_a_kaunas_destination_for_a_valencia_host(
        self, client, alice, project, valencia
    ):
        client.force_login(alice)
        learner = factories.learner(project.organisation)
        data = mobility_data(
            project, learner, valencia, destination_city="Kaunas", destination_country="LT"
        )
        response = client.post(reverse("mobilities:mobility_create", args=[project.pk]), data)
        assert response.context["form"].errors["destination_country"] == [KAUNAS_REFUSED]
        assert not Mobility.objects.exists()

    def test_a_destination_left_empty_is_filled_in_from_the_host(
        self, client, alice, project, valencia
    ):
        client.force_login(alice)
        url = reverse("mobilities:mobility_create", args=[project.pk])
        expert = factories.external(project.organisation)
        nowhere = {"destination_city": "", "destination_country": ""}
        # Without a host (the school receives an invited expert), it must be typed in.
        data = mobility_data(
            project, expert, valencia, activity_type="invited_expert", end_date="2026-09-05"
        )
        errors = client.post(url, data | nowhere | {"host": ""}).context["form"].errors
        assert "This field is required." in errors["destination_city"]
        assert "This field is required." in errors["destination_country"]
        learner = factories.learner(project.organisation)
        response = client.post(url, mobility_data(project, learner, valencia) | nowhere)
        assert response.status_code == 302
        mobility = Mobility.objects.get()
        assert (mobility.destination_city, str(mobility.destination_country)) == (
            "Valencia",
            "ES",
        )

    def test_each_host_option_carries_its_city_and_country_code(
        self, client, alice, project, valencia
    ):
        client.force_login(alice)
        page = client.get(
            reverse("mobilities:mobility_create", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="lv"
        ).content.decode()
        assert f'value="{valencia.pk}" data-city="Valencia" data-country="ES"' in page
        assert "data-fills-destination" in page
        assert "js/mobility-form.js" in page

    def test_the_preview_says_why_the_destination_is_refused(
        self, client, alice, project, valencia
    ):
        client.force_login(alice)
        learner = factories.learner(project.organisation)
        data = mobility_data(
            project, learner, valencia, destination_city="Kaunas", destination_country="LT"
        )
        page = client.post(reverse("mobilities:mobility_preview", args=[project.pk]), data).content
        assert KAUNAS_REFUSED in page.decode()


def test_the_admin_refuses_a_destination_other_than_the_hosts(client, project, valencia):
    mobility = factories.mobility(project, host=valencia)
    root = factories.user(is_staff=True, is_superuser=True)
    client.force_login(root)
    url = reverse("admin:mobilities_mobility_change", args=[mobility.pk])
    data = form_data(client.get(url).context["adminform"].form)
    data |= {"destination_city": "Kaunas", "destination_country": "LT"}
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["destination_country"] == [KAUNAS_REFUSED]


IMPORT_HEADERS = [
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
]


def import_row(learner, host, city, country):
    return [
        learner.email,
        "Short-term learning mobility of learners",
        host.name,
        "Cēsis",
        "LV",
        city,
        country,
        "01.09.2026",
        "28.09.2026",
        "2",
        "1",
    ]


def test_an_import_refuses_the_row_naming_its_destination_country(client, alice, project, valencia):
    learners = [factories.learner(project.organisation) for _ in range(2)]
    rows = [
        IMPORT_HEADERS,
        import_row(learners[0], valencia, "Valencia", "ES"),
        import_row(learners[1], valencia, "Kaunas", "LT"),
    ]
    client.force_login(alice)
    url = reverse("transfers:mobility_import", args=[project.pk])
    outcome, _token = preview(client, url, csv_file(rows))
    assert [r.status for r in outcome.rows] == ["new", "invalid"]
    cell = outcome.rows[1].cells[outcome.headers.index("Destination country")]
    assert cell.problems == [KAUNAS_REFUSED]


def test_an_import_fills_an_empty_destination_from_the_host(client, alice, project, valencia):
    learner = factories.learner(project.organisation)
    rows = [IMPORT_HEADERS, import_row(learner, valencia, "", "")]
    client.force_login(alice)
    outcome, token = preview(
        client, reverse("transfers:mobility_import", args=[project.pk]), csv_file(rows)
    )
    assert [r.status for r in outcome.rows] == ["new"]
    client.post(reverse("transfers:import_confirm", args=[token]))
    mobility = Mobility.objects.get()
    assert (mobility.destination_city, str(mobility.destination_country)) == ("Valencia", "ES")
