"""Europass Mobility per learner: its status (not started, requested, issued) and issue
date on the mobility's page, a to-do on the dashboard for the learners back without one,
and the learning outcomes of the agreement ready to copy into the Europass form."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone, translation

from mobilities.models import EuropassStatus, Mobility
from reporting import services as reporting_services
from tests import factories

pytestmark = pytest.mark.django_db

ISSUED = {"europass_status": "issued", "europass_issued_on": "2026-10-05"}


def europass_url(mobility) -> str:
    return reverse("mobilities:mobility_europass_edit", args=[mobility.pk])


def test_the_coordinator_records_the_europass_status_and_issue_date(client, alice, mobility):
    client.force_login(alice)
    page = client.get(mobility.get_absolute_url()).content.decode()
    assert 'data-europass="not_started"' in page
    assert f'action="{europass_url(mobility)}"' in page

    response = client.post(europass_url(mobility), ISSUED, follow=True)
    mobility.refresh_from_db()
    assert (mobility.europass_status, mobility.europass_issued_on) == ("issued", date(2026, 10, 5))
    assert 'data-europass="issued"' in response.content.decode()

    client.post(europass_url(mobility), {"europass_status": "requested", "europass_issued_on": ""})
    mobility.refresh_from_db()
    assert (mobility.europass_status, mobility.europass_issued_on) == ("requested", None)


def test_an_issued_europass_needs_its_issue_date(client, alice, mobility):
    client.force_login(alice)
    response = client.post(
        europass_url(mobility), {"europass_status": "issued", "europass_issued_on": ""}, follow=True
    )
    assert "Enter the day the Europass Mobility was issued." in response.content.decode()
    mobility.refresh_from_db()
    assert mobility.europass_status == EuropassStatus.NOT_STARTED
    with pytest.raises(IntegrityError):
        Mobility.objects.filter(pk=mobility.pk).update(europass_status="issued")


def test_staff_get_no_europass(client, alice, project, host):
    staff = factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=host,
        activity_type="staff_job_shadowing",
        end_date=date(2026, 9, 5),
    )
    client.force_login(alice)
    assert 'id="europass"' not in client.get(staff.get_absolute_url()).content.decode()
    response = client.post(europass_url(staff), ISSUED, follow=True)
    assert "A Europass Mobility is for learners only." in response.content.decode()
    staff.refresh_from_db()
    assert staff.europass_status == EuropassStatus.NOT_STARTED


def test_viewers_and_other_organisations_cannot_change_the_europass(client, bob, charlie, mobility):
    client.force_login(bob)
    page = client.get(mobility.get_absolute_url()).content.decode()
    assert 'data-europass="not_started"' in page
    assert europass_url(mobility) not in page
    assert client.post(europass_url(mobility), ISSUED).status_code == 403
    client.force_login(charlie)
    assert client.post(europass_url(mobility), ISSUED).status_code == 404
    mobility.refresh_from_db()
    assert mobility.europass_status == EuropassStatus.NOT_STARTED


@pytest.fixture
def returned_learners(project, host):
    """Two learners back without a Europass Mobility, one with; a learner still abroad and
    a teacher back do not count."""
    today = timezone.localdate()
    back = [factories.mobility(project, host=host) for _ in range(3)]
    Mobility.objects.filter(pk=back[2].pk).update(
        europass_status="issued", europass_issued_on=date(2026, 10, 1)
    )
    factories.mobility(
        project, host=host, start_date=today - timedelta(days=7), end_date=today + timedelta(days=7)
    )
    factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=host,
        activity_type="staff_job_shadowing",
        end_date=date(2026, 9, 5),
    )
    return back


def test_the_dashboard_counts_the_learners_back_without_a_europass(
    client, alice, project, returned_learners
):
    client.force_login(alice)
    page = client.get(reverse("dashboard:project_detail", args=[project.pk])).content.decode()
    assert 'data-todo="europass"' in page
    assert "2 learners back from their mobility without a Europass Mobility" in page


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        (0, "2 audzēkņi atgriezušies no mobilitātes bez Europass mobilitātes dokumenta"),
        (1, "1 audzēknis atgriezies no mobilitātes bez Europass mobilitātes dokumenta"),
    ],
)
def test_the_europass_to_do_speaks_latvian_plurals(
    client, alice, project, returned_learners, issued, expected
):
    for mobility in returned_learners[:issued]:
        Mobility.objects.filter(pk=mobility.pk).update(
            europass_status="issued", europass_issued_on=date(2026, 10, 1)
        )
    project.refresh_from_db()
    client.force_login(alice)
    with translation.override("lv"):
        page = client.get(
            reverse("dashboard:project_detail", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="lv"
        ).content.decode()
    assert expected in page


def test_the_learning_outcomes_are_ready_to_copy_into_the_europass_form(client, bob, mobility):
    reporting_services.learning_outcome_units_replace(
        mobility=mobility,
        units=[
            {
                "title": "Tīmekļa lietotņu izstrāde",
                "outcomes": "Izveido lietotnes saskarni.",
                "assessment": "Praktisks uzdevums",
                "assessed_by": "Jordi Puig",
                "ecvet_points": Decimal("2.5"),
            }
        ],
    )
    client.force_login(bob)
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    textarea = page[page.index('<textarea class="form-control mb-2" id="europass-outcomes-text"') :]
    textarea = textarea[: textarea.index("</textarea>")]
    assert "readonly" in textarea
    assert "Tīmekļa lietotņu izstrāde (ECVET points: 2.5)\nIzveido lietotnes saskarni." in textarea
    assert "Assessed: Praktisks uzdevums\nAssessed by: Jordi Puig" in textarea
    assert 'data-copy-target="europass-outcomes-text"' in page
    assert "/static/js/copy-text.js" in page
