"""The learning agreement names its units of learning outcomes (ECVET): what is learnt, how
it is assessed, by whom, and the points; the coordinator edits them on the mobility's
Documents page, the PDF shows them under headings in Latvian and English."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import DocumentKind, LearningAgreementDetails, LearningOutcomeUnit
from tests import factories

from .helpers import document_bytes, pdf_text

pytestmark = pytest.mark.django_db

UNITS = [
    {
        "title": "Tīmekļa lietotņu izstrāde",
        "outcomes": "Izveido lietotnes saskarni pēc klienta prasībām.",
        "assessment": "Praktisks uzdevums darba vietā",
        "assessed_by": "Jordi Puig, uzņēmuma mentors",
        "ecvet_points": Decimal("2.5"),
    },
    {
        "title": "Datubāzu projektēšana",
        "outcomes": "Projektē relāciju datubāzi.",
        "assessment": "",
        "assessed_by": "",
        "ecvet_points": None,
    },
]


def post_data(rows, initial=0, **details) -> dict:
    data = {
        "units-TOTAL_FORMS": str(len(rows)),
        "units-INITIAL_FORMS": str(initial),
        "units-MIN_NUM_FORMS": "0",
        "units-MAX_NUM_FORMS": "1000",
        "sending_mentor_name": "Ilze Kļaviņa",
    } | details
    for index, row in enumerate(rows):
        for field, value in row.items():
            data[f"units-{index}-{field}"] = "" if value is None else str(value)
    return data


def test_the_learning_agreement_lists_each_unit_with_its_assessment_in_both_languages(
    mobility,
):
    services.learning_outcome_units_replace(mobility=mobility, units=UNITS)
    for language in ("lv", "en"):
        document = services.document_request(
            project=mobility.project,
            mobility=mobility,
            kind=DocumentKind.LEARNING_AGREEMENT,
            language=language,
        )
        services.document_render(document_id=document.pk)
        document.refresh_from_db()
        text = pdf_text(document_bytes(document))
        for expected in (
            "Mācību līgums / Learning agreement",
            "Mācīšanās rezultāti (ECVET vienības) / Learning outcomes (ECVET units)",
            "3.1. Tīmekļa lietotņu izstrāde",
            "Izveido lietotnes saskarni pēc klienta prasībām.",
            "Praktisks uzdevums darba vietā",
            "Jordi Puig, uzņēmuma mentors",
            "3.2. Datubāzu projektēšana",
            "Kā tos novērtē / How they are assessed",
            "Kas novērtē / Assessed by",
        ):
            assert expected in text, (language, expected)
        points = "ECVET punkti: 2,5" if language == "lv" else "ECVET points: 2.5"
        assert points in text, language


def test_the_coordinator_adds_edits_and_removes_units_on_the_documents_page(
    client, alice, mobility
):
    client.force_login(alice)
    url = reverse("reporting:learning_agreement_details_edit", args=[mobility.pk])
    response = client.post(url, post_data([*UNITS, {"title": ""}]))
    assert response.status_code == 302
    titles = list(LearningOutcomeUnit.objects.values_list("title", "position", "ecvet_points"))
    assert titles == [
        ("Tīmekļa lietotņu izstrāde", 1, Decimal("2.5")),
        ("Datubāzu projektēšana", 2, None),
    ]
    details = LearningAgreementDetails.objects.get(mobility=mobility)
    assert details.sending_mentor_name == "Ilze Kļaviņa"

    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert 'name="units-0-title" value="Tīmekļa lietotņu izstrāde"' in page
    assert 'name="units-2-title"' in page, "an empty row to add a unit"

    removed = [UNITS[0] | {"DELETE": "on"}, UNITS[1] | {"assessed_by": "Skolotāja"}]
    assert client.post(url, post_data(removed, initial=2)).status_code == 302
    assert list(LearningOutcomeUnit.objects.values_list("title", "assessed_by")) == [
        ("Datubāzu projektēšana", "Skolotāja")
    ]


def test_a_unit_without_its_outcomes_is_refused_next_to_the_field(client, alice, mobility):
    client.force_login(alice)
    url = reverse("reporting:learning_agreement_details_edit", args=[mobility.pk])
    response = client.post(url, post_data([{"title": "Bez rezultātiem", "ecvet_points": "-1"}]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Ensure this value is greater than or equal to 0." in page
    assert not LearningOutcomeUnit.objects.exists()
    assert not LearningAgreementDetails.objects.exists()


def test_viewers_read_the_units_and_cannot_change_them(client, bob, charlie, mobility):
    services.learning_outcome_units_replace(mobility=mobility, units=UNITS)
    client.force_login(bob)
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert "Praktisks uzdevums darba vietā" in page
    assert 'name="units-0-title"' not in page
    url = reverse("reporting:learning_agreement_details_edit", args=[mobility.pk])
    assert client.post(url, post_data([])).status_code == 403
    client.force_login(charlie)
    assert client.post(url, post_data([])).status_code == 404
    assert LearningOutcomeUnit.objects.count() == 2


def test_staff_mobilities_have_no_units(project, host):
    teacher = factories.staff(project.organisation)
    staff = factories.mobility(
        project, participant=teacher, host=host, activity_type="staff_job_shadowing"
    )
    with pytest.raises(Exception, match="learners only"):
        services.learning_outcome_units_replace(mobility=staff, units=UNITS)
