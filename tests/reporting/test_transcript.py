"""The learner's transcript of the mobility: each unit of the learning agreement with its
result, how, by whom and when it was assessed and the host mentor's word, and the sending
school's recognition decision, in Latvian or English. It is made for learners only, once
the decision is recorded, and checked again when it is rendered."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mobilities.models import Mobility
from reporting import services
from reporting.documents import DocumentError, document_html
from reporting.models import DocumentKind, GeneratedDocument, LearningOutcomeUnit
from results import services as results_services
from results.models import AssessmentMethod, RecognitionDecision, UnitResult
from tests import factories

from .helpers import document_bytes, pdf_text

pytestmark = pytest.mark.django_db

TRANSCRIPT = DocumentKind.TRANSCRIPT

UNITS = [
    {
        "title": "Tīmekļa lietotņu izstrāde",
        "outcomes": "Izveido lietotnes saskarni pēc klienta prasībām.",
        "assessed_by": "Jordi Puig",
        "ecvet_points": Decimal("5"),
    },
    {
        "title": "Datubāzu projektēšana",
        "outcomes": "Projektē relāciju datubāzi.",
        "assessed_by": "",
        "ecvet_points": Decimal("2.5"),
    },
]


def assess(unit, **overrides):
    data = {
        "result": UnitResult.ACHIEVED,
        "method": AssessmentMethod.PRACTICAL_TASK,
        "assessed_by": "Jordi Puig, uzņēmuma mentors",
        "assessed_on": date(2026, 9, 25),
        "mentor_assessment": "Strādāja rūpīgi un patstāvīgi.",
    } | overrides
    return results_services.unit_assessment_save(unit=unit, data=data)


def recognise(mobility, **overrides):
    data = {
        "decision": RecognitionDecision.PARTIAL,
        "ecvet_points": Decimal("5"),
        "programme_part": "4. modulis, Tīmekļa dizains",
        "decided_on": date(2026, 10, 5),
        "decided_by": "Inese Liepa, direktora vietniece",
        "note": "Datubāzu vienību apgūs skolā.",
    } | overrides
    return results_services.recognition_save(mobility=mobility, data=data)


@pytest.fixture
def learner_mobility(project, host):
    learner = factories.learner(
        project.organisation, first_name="Ģirts", last_name="Ēvalds", date_of_birth=date(2006, 3, 1)
    )
    mobility = factories.mobility(project, participant=learner, host=host)
    services.learning_outcome_units_replace(mobility=mobility, units=UNITS)
    return mobility


@pytest.fixture
def recognised(learner_mobility):
    """Unit 1 achieved, unit 2 not assessed; recognised in part."""
    assess(LearningOutcomeUnit.objects.get(title=UNITS[0]["title"]))
    recognise(learner_mobility)
    return learner_mobility


def request(mobility, language="en"):
    return services.document_request(
        project=mobility.project, mobility=mobility, kind=TRANSCRIPT, language=language
    )


def rendered_text(mobility, language) -> str:
    document = request(mobility, language)
    assert services.document_render(document_id=document.pk) == services.Outcome.RENDERED
    document.refresh_from_db()
    return pdf_text(document_bytes(document))


def in_language(language, *texts) -> list[str]:
    with translation.override(language):
        return [str(text) for text in texts]


@pytest.mark.parametrize(
    ("language", "dates", "points"),
    [
        ("lv", ("25.09.2026.", "05.10.2026.", "01.03.2006."), ("7,5", "2,5")),
        ("en", ("25/09/2026", "05/10/2026", "1 March 2006"), ("7.5", "2.5")),
    ],
)
def test_the_transcript_states_each_units_result_and_the_recognition(
    recognised, project, language, dates, points
):
    text = rendered_text(recognised, language)
    expected = in_language(
        language,
        DocumentKind.TRANSCRIPT.label,
        UnitResult.ACHIEVED.label,
        AssessmentMethod.PRACTICAL_TASK.label,
        RecognitionDecision.PARTIAL.label,
        translation.gettext_lazy("Not assessed"),
        translation.gettext_lazy("Co-funded by the European Union"),
    )
    for words in [
        *expected,
        *dates,
        *points,
        "Vidzemes tehnikums",
        project.grant_agreement_number,
        "Ģirts Ēvalds",
        "CIPFP Valencia",
        "Valencia",
        "Tīmekļa lietotņu izstrāde",
        "Izveido lietotnes saskarni pēc klienta prasībām.",
        "Datubāzu projektēšana",
        "Jordi Puig, uzņēmuma mentors",
        "Strādāja rūpīgi un patstāvīgi.",
        "4. modulis, Tīmekļa dizains",
        "Inese Liepa, direktora vietniece",
        "Datubāzu vienību apgūs skolā.",
    ]:
        assert words in text, (language, words)


def test_the_english_transcript_names_the_country_the_dates_and_the_days(recognised):
    text = rendered_text(recognised, "en")
    assert "Valencia, Spain" in text
    assert "1 September 2026 – 28 September 2026 (28 days)" in text
    assert "ECVET points agreed in all 7.5" in text
    assert "ECVET points recognised 5" in text


def test_a_transcript_is_refused_before_the_recognition_decision(learner_mobility):
    with pytest.raises(ValidationError) as refused:
        request(learner_mobility)
    assert refused.value.message_dict == {
        "kind": [
            "The transcript states the school's recognition decision: record it first on the "
            "mobility's results page."
        ]
    }
    assert not GeneratedDocument.objects.exists()


def test_a_transcript_is_refused_for_a_staff_mobility(project, host):
    mobility = factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=host,
        activity_type="staff_job_shadowing",
    )
    with pytest.raises(ValidationError) as refused:
        request(mobility)
    assert list(refused.value.message_dict) == ["kind"]
    assert "learners only" in refused.value.message_dict["kind"][0]


def test_a_project_batch_covers_only_the_learners_with_a_decision(recognised, project, host):
    factories.mobility(project, host=host)  # a learner without a decision
    factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=host,
        activity_type="staff_job_shadowing",
    )
    cancelled = factories.mobility(project, host=host)
    recognise(cancelled)
    Mobility.objects.filter(pk=cancelled.pk).update(status=Mobility.Status.CANCELLED)

    batch = services.document_batch_request(project=project, kind=TRANSCRIPT, language="lv")

    assert [d.mobility_id for d in batch.documents.all()] == [recognised.pk]


def test_a_batch_when_no_mobility_has_a_decision_is_refused(learner_mobility, project):
    with pytest.raises(ValidationError) as refused:
        services.document_batch_request(project=project, kind=TRANSCRIPT, language="en")
    assert "has a recognition decision yet" in refused.value.message_dict["kind"][0]


def test_the_render_fails_when_the_decision_was_removed_since_the_request(recognised):
    document = request(recognised)
    results_services.recognition_delete(mobility=recognised)

    with pytest.raises(DocumentError):
        document_html(document)
    assert services.document_render(document_id=document.pk) == services.Outcome.FAILED
    document.refresh_from_db()
    assert document.failure_reason.startswith("The transcript states the school's recognition")


def test_the_builder_reads_the_units_and_their_assessments_in_fixed_queries(recognised):
    document = request(recognised)
    with CaptureQueriesContext(connection) as few:
        document_html(document)
    more = [dict(UNITS[0], title=f"Vienība {n}") for n in range(6)]
    services.learning_outcome_units_replace(mobility=recognised, units=UNITS + more)
    for unit in LearningOutcomeUnit.objects.filter(title__startswith="Vienība"):
        assess(unit, result=UnitResult.PARTLY)
    with CaptureQueriesContext(connection) as many:
        html = document_html(document)
    assert html.count('data-unit="') == 8
    assert len(many) == len(few)


def test_the_mobility_documents_page_offers_the_transcript_to_learners_only(
    client, alice, recognised, project, host
):
    client.force_login(alice)
    page = client.get(reverse("reporting:mobility_documents", args=[recognised.pk]))
    assert 'value="transcript"' in page.content.decode()
    response = client.post(
        reverse("reporting:mobility_document_request", args=[recognised.pk]),
        {"kind": "transcript", "language": "lv"},
    )
    assert response.status_code == 302
    assert GeneratedDocument.objects.get(kind=TRANSCRIPT).mobility == recognised

    staff = factories.mobility(
        project,
        participant=factories.staff(project.organisation),
        host=host,
        activity_type="staff_job_shadowing",
    )
    page = client.get(reverse("reporting:mobility_documents", args=[staff.pk]))
    assert 'value="transcript"' not in page.content.decode()


def test_the_mobility_documents_page_says_why_before_the_decision(client, alice, learner_mobility):
    client.force_login(alice)
    response = client.post(
        reverse("reporting:mobility_document_request", args=[learner_mobility.pk]),
        {"kind": "transcript", "language": "en"},
    )
    assert response.status_code == 400
    assert "record it first" in response.context["request_form"].errors["kind"][0]
