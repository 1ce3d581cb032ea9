"""Every document renders, in Latvian and English, with the participant's name, the
dates, the amounts of the budget engine and Latvian letters intact, from embedded local
fonts and nothing fetched from outside."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from mobilities.models import Mobility
from reporting import services
from reporting.checks import fonts_installed
from reporting.models import (
    DocumentKind,
    FinalReportAnswer,
    GeneratedDocument,
    GrantAgreementTerms,
    LearningAgreementDetails,
)
from reporting.pdf import PdfError, render_pdf
from tests import factories

from .helpers import LATVIAN_LETTERS, document_bytes, embedded_fonts, pdf_text

pytestmark = pytest.mark.django_db

NAME = ("Ģirts Ēvalds", "Žūriņš-Āboliņš")
CITY = "Ķīļu Čiekurkalns"


def rendered_text(project, kind, language="lv", mobility=None) -> str:
    document = services.document_request(
        project=project, mobility=mobility, kind=kind, language=language
    )
    assert services.document_render(document_id=document.pk) == services.Outcome.RENDERED
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.READY, document.failure_reason
    return pdf_text(document_bytes(document))


def lv_money(amount: Decimal) -> str:
    return f"{amount:,.2f}".replace(",", " ").replace(".", ",") + " EUR"


def en_money(amount: Decimal) -> str:
    return f"{amount:,.2f} EUR"


@pytest.fixture
def learner(school):
    return factories.learner(school, first_name=NAME[0], last_name=NAME[1], city=CITY)


@pytest.fixture
def learner_mobility(project, host, learner):
    return factories.mobility(project, participant=learner, host=host)


def test_the_grant_agreement_shows_the_participant_dates_and_engine_amounts(learner_mobility):
    text = rendered_text(
        learner_mobility.project, DocumentKind.GRANT_AGREEMENT, mobility=learner_mobility
    )
    grant = learner_mobility.grant
    assert "Ģirts Ēvalds Žūriņš-Āboliņš" in text
    assert set(LATVIAN_LETTERS) <= set(text.lower())
    assert "01.09.2026. – 28.09.2026." in text
    assert grant.total > 0
    for amount in (grant.travel, grant.individual_support):
        assert lv_money(amount) in text
    # The organisational support is the school's: not in the participant's agreement.
    assert grant.organisational_support > 0
    assert lv_money(grant.organisational_support) not in text
    assert lv_money(grant.travel + grant.individual_support) in text


def test_the_grant_agreement_in_english_formats_dates_and_money_the_english_way(
    learner_mobility,
):
    text = rendered_text(
        learner_mobility.project, DocumentKind.GRANT_AGREEMENT, "en", mobility=learner_mobility
    )
    grant = learner_mobility.grant
    assert "1 September 2026 – 28 September 2026" in text
    assert f"Paid to the participant {en_money(grant.travel + grant.individual_support)}" in text
    assert "Payment schedule" in text


def test_the_grant_agreement_splits_the_grant_by_the_projects_payment_schedule(
    learner_mobility,
):
    project = learner_mobility.project
    GrantAgreementTerms.objects.create(
        project=project, prefinancing_percent=70, representative_name="Ināra Bērziņa"
    )
    text = rendered_text(project, DocumentKind.GRANT_AGREEMENT, "en", mobility=learner_mobility)
    grant = learner_mobility.grant
    paid = grant.travel + grant.individual_support
    prefinancing = (paid * Decimal("0.70")).quantize(Decimal("0.01"))
    assert f"70 % of the amount paid to the participant, {en_money(prefinancing)}" in text
    assert f"30 % of the amount paid to the participant, {en_money(paid - prefinancing)}" in text
    assert "Ināra Bērziņa" in text


def test_a_minors_grant_agreement_has_the_guardians_signature(project, host, minor):
    mobility = factories.mobility(project, participant=minor, host=host)
    text = rendered_text(project, DocumentKind.GRANT_AGREEMENT, "en", mobility=mobility)
    assert "Žanete Ķēniņa" in text
    assert "a minor, represented by the legal representative Ģirts Ķēniņš" in text
    assert "The guardian: Ģirts Ķēniņš" in text


def test_an_accompanying_persons_grant_agreement_is_made_at_staff_rates(project, host):
    group = factories.group(project)
    factories.mobility(
        project,
        host=host,
        group=group,
        activity_type="learner_group",
        end_date=date(2026, 9, 14),
    )
    teacher = factories.staff(project.organisation, first_name="Māris", last_name="Ozoliņš")
    mobility = factories.mobility(
        project,
        participant=teacher,
        host=host,
        group=group,
        activity_type="learner_group",
        role="accompanying_person",
        end_date=date(2026, 9, 14),
    )
    text = rendered_text(project, DocumentKind.GRANT_AGREEMENT, "en", mobility=mobility)
    assert "Māris Ozoliņš" in text
    assert "as an accompanying person" in text
    assert en_money(mobility.grant.total - mobility.grant.organisational_support) in text


def test_the_learning_agreement_has_the_parties_outcomes_mentors_and_insurance(
    learner_mobility,
):
    host = learner_mobility.host
    host.address = "Carrer de Sant Vicent 12"
    host.save()
    LearningAgreementDetails.objects.create(
        mobility=learner_mobility,
        learning_outcomes="Tīmekļa lietotņu izstrāde\nDatubāzu projektēšana",
        sending_mentor_name="Ilze Kļaviņa",
        host_mentor_name="Jordi Puig",
        insurance="Balta, polise Nr. 123",
    )
    text = rendered_text(
        learner_mobility.project, DocumentKind.LEARNING_AGREEMENT, mobility=learner_mobility
    )
    school = learner_mobility.project.organisation
    for expected in (
        "Ģirts Ēvalds Žūriņš-Āboliņš",
        school.legal_name,
        school.address,
        host.name,
        "Carrer de Sant Vicent 12",
        "Programmēšanas tehniķis",
        "Tīmekļa lietotņu izstrāde",
        "Datubāzu projektēšana",
        "Ilze Kļaviņa",
        "Jordi Puig",
        "Balta, polise Nr. 123",
        "01.09.2026. – 28.09.2026.",
    ):
        assert expected in text, expected


def test_the_certificate_of_attendance_names_the_venue_dates_and_accompanying_persons(
    project, host, learner
):
    group = factories.group(project)
    mobility = factories.mobility(
        project,
        participant=learner,
        host=host,
        group=group,
        activity_type="learner_group",
        end_date=date(2026, 9, 14),
    )
    teacher = factories.staff(project.organisation, first_name="Māris", last_name="Ozoliņš")
    factories.mobility(
        project,
        participant=teacher,
        host=host,
        group=group,
        activity_type="learner_group",
        role="accompanying_person",
        end_date=date(2026, 9, 14),
    )
    text = rendered_text(project, DocumentKind.ATTENDANCE_CERTIFICATE, "en", mobility=mobility)
    assert "Ģirts Ēvalds Žūriņš-Āboliņš" in text
    assert "CIPFP Valencia" in text
    assert "1 September 2026 – 14 September 2026 (14 days)" in text
    assert "Māris Ozoliņš" in text


def test_the_final_report_draft_has_every_question_figures_and_answers(project, learner_mobility):
    factories.awarded(project, "travel", "5000.00")
    FinalReportAnswer.objects.create(
        project=project, section="dissemination", text="Rakstījām vietējā avīzē „Druva”."
    )
    text = rendered_text(project, DocumentKind.FINAL_REPORT, "en")
    assert "2. Which goals of the Erasmus plan were reached" in text
    assert "25. How will the results be sustained?" in text
    assert "Rakstījām vietējā avīzē „Druva”." in text
    assert "Short-term learning mobility of learners" in text
    assert en_money(Decimal("5000.00")) in text
    assert en_money(learner_mobility.grant.travel) in text


def test_documents_embed_their_fonts(learner_mobility):
    document = services.document_request(
        project=learner_mobility.project,
        mobility=learner_mobility,
        kind=DocumentKind.GRANT_AGREEMENT,
        language="lv",
    )
    services.document_render(document_id=document.pk)
    document.refresh_from_db()
    assert embedded_fonts(document_bytes(document)) >= {"Portal-Sans", "Portal-Sans-Bold"}


def test_rendering_refuses_anything_but_local_files():
    for url in ("http://example.com/logo.png", "https://example.com/x.css", "file:///etc/hosts"):
        with pytest.raises(PdfError, match="Refused to fetch"):
            render_pdf(f'<html><body><img src="{url}"></body></html>')


def test_a_grant_agreement_of_a_mobility_that_cannot_be_funded_fails_with_the_reason(
    learner_mobility,
):
    # Changed behind the validation (e.g. in bulk): 400 days is no short-term mobility.
    Mobility.objects.filter(pk=learner_mobility.pk).update(end_date=date(2027, 10, 5))
    document = services.document_request(
        project=learner_mobility.project,
        mobility=learner_mobility,
        kind=DocumentKind.GRANT_AGREEMENT,
        language="en",
    )
    assert services.document_render(document_id=document.pk) == services.Outcome.FAILED
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.FAILED
    assert document.failure_reason.startswith("The mobility cannot be funded as it stands:")
    assert not document.file


def test_the_document_is_in_its_own_language_whatever_the_active_one(learner_mobility):
    with translation.override("lv"):
        text = rendered_text(
            learner_mobility.project,
            DocumentKind.ATTENDANCE_CERTIFICATE,
            "en",
            mobility=learner_mobility,
        )
    assert "Certificate of attendance" in text


def test_missing_fonts_are_reported_by_the_system_check_and_fail_the_render(
    settings, tmp_path, learner_mobility
):
    settings.PDF_FONT_DIR = tmp_path
    assert [warning.id for warning in fonts_installed(None)] == ["reporting.W001"]
    document = services.document_request(
        project=learner_mobility.project,
        mobility=learner_mobility,
        kind=DocumentKind.GRANT_AGREEMENT,
        language="en",
    )
    assert services.document_render(document_id=document.pk) == services.Outcome.FAILED
    document.refresh_from_db()
    assert "DejaVuSans" in document.failure_reason
