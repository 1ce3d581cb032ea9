"""The certificate of attendance is one bilingual document (Latvian, then English, line by
line) that the host signs and stamps, and states only what happened: it is made from the
mobility's end date on, earlier only for a completed mobility whose early issue the
coordinator confirmed; a project batch skips the mobilities not ended yet."""

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mobilities.models import Mobility
from reporting import services
from reporting.models import DocumentKind, GeneratedDocument
from tests import factories

from .helpers import document_bytes, pdf_text

pytestmark = pytest.mark.django_db

CERTIFICATE = DocumentKind.ATTENDANCE_CERTIFICATE


def render_text(document) -> str:
    assert services.document_render(document_id=document.pk) == services.Outcome.RENDERED
    document.refresh_from_db()
    return pdf_text(document_bytes(document))


def not_ended(project, host, status=Mobility.Status.ONGOING):
    today = timezone.localdate()
    return factories.mobility(
        project,
        host=host,
        start_date=today - timedelta(days=10),
        end_date=today + timedelta(days=4),
        status=status,
    )


@pytest.fixture
def ended(project, host):
    host.address = "Carrer de Sant Vicent 12"
    host.save()
    learner = factories.learner(project.organisation, first_name="Ģirts", last_name="Ēvalds")
    return factories.mobility(
        project,
        participant=learner,
        host=host,
        end_date=date(2026, 9, 14),
        status=Mobility.Status.COMPLETED,
    )


@pytest.mark.parametrize("language", ["lv", "en"])
def test_the_certificate_is_in_latvian_and_english_whichever_language_is_asked(ended, language):
    document = services.document_request(
        project=ended.project, mobility=ended, kind=CERTIFICATE, language=language
    )
    text = render_text(document)
    for expected in (
        "Apliecinājums par dalību",
        "Certificate of attendance",
        "Ģirts Ēvalds",
        "Audzēkņu īstermiņa mācību mobilitāte",
        "Short-term learning mobility of learners",
        "CIPFP Valencia",
        "Carrer de Sant Vicent 12, Valencia",
        "Valencia, Spānija",
        "Valencia, Spain",
        "01.09.2026. – 14.09.2026. (14 dienas)",
        "1 September 2026 – 14 September 2026 (14 days)",
        "Uzņemošās organizācijas paraksts un zīmogs / Signature and stamp of the host organisation",
        "Vārds, uzvārds / Name",
        "Amats / Position",
    ):
        assert expected in text, expected


def test_a_certificate_before_the_end_date_is_refused_naming_the_rule(project, host):
    mobility = not_ended(project, host)
    with pytest.raises(ValidationError) as error:
        services.document_request(
            project=project, mobility=mobility, kind=CERTIFICATE, language="lv", issue_early=True
        )
    assert "made from the mobility's end date" in error.value.message_dict["kind"][0]
    assert not GeneratedDocument.objects.exists()


def test_a_completed_mobility_is_certified_early_only_once_the_coordinator_confirms(
    project, host, alice
):
    mobility = not_ended(project, host, status=Mobility.Status.COMPLETED)
    with pytest.raises(ValidationError) as error:
        services.document_request(
            project=project, mobility=mobility, kind=CERTIFICATE, language="lv"
        )
    assert "confirm the early issue" in error.value.message_dict["issue_early"][0]

    document = services.document_request(
        project=project,
        mobility=mobility,
        kind=CERTIFICATE,
        language="lv",
        user=alice,
        issue_early=True,
    )
    assert document.issued_early
    assert document.requested_by == alice
    assert "Certificate of attendance" in render_text(document)


def test_a_certificate_asked_for_after_the_end_date_is_not_marked_early(ended):
    document = services.document_request(
        project=ended.project, mobility=ended, kind=CERTIFICATE, language="lv", issue_early=True
    )
    assert not document.issued_early


def test_rendering_refuses_a_certificate_whose_mobility_is_no_longer_completed(project, host):
    mobility = not_ended(project, host, status=Mobility.Status.COMPLETED)
    document = services.document_request(
        project=project, mobility=mobility, kind=CERTIFICATE, language="en", issue_early=True
    )
    Mobility.objects.filter(pk=mobility.pk).update(status=Mobility.Status.ONGOING)
    assert services.document_render(document_id=document.pk) == services.Outcome.FAILED
    document.refresh_from_db()
    assert "made from the mobility's end date" in document.failure_reason


def test_a_project_batch_skips_the_mobilities_not_ended_and_says_how_many(
    client, alice, project, host, ended
):
    factories.mobility(project, host=host)
    late = not_ended(project, host, status=Mobility.Status.COMPLETED)
    client.force_login(alice)
    url = reverse("reporting:project_documents_batch", args=[project.pk])
    response = client.post(url, {"kind": CERTIFICATE, "language": "lv"}, follow=True)
    batch = project.document_batches.get()
    assert batch.documents.count() == 2
    assert not batch.documents.filter(mobility=late).exists()
    assert batch.skipped_not_ended == 1
    page = response.content.decode()
    assert "1 mobility has not ended yet and gets no certificate of attendance" in page
    assert 'data-skipped="1"' in page


def test_a_batch_of_certificates_when_no_mobility_has_ended_is_refused(project, host):
    not_ended(project, host)
    not_ended(project, host)
    with pytest.raises(ValidationError) as error:
        services.document_batch_request(project=project, kind=CERTIFICATE, language="en")
    assert "2 mobilities have not ended yet" in error.value.message_dict["kind"][0]


def test_the_coordinator_confirms_the_early_issue_on_the_documents_page(
    client, alice, project, host, ended
):
    mobility = not_ended(project, host, status=Mobility.Status.COMPLETED)
    client.force_login(alice)
    page = client.get(reverse("reporting:mobility_documents", args=[ended.pk])).content.decode()
    assert 'name="issue_early"' not in page, "offered only before the end date"
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert 'name="issue_early"' in page
    url = reverse("reporting:mobility_document_request", args=[mobility.pk])

    refused = client.post(url, {"kind": CERTIFICATE, "language": "lv"})
    assert refused.status_code == 400
    assert "confirm the early issue" in refused.content.decode()

    response = client.post(url, {"kind": CERTIFICATE, "language": "lv", "issue_early": "on"})
    assert response.status_code == 302
    assert mobility.documents.get().issued_early


def test_the_certificate_with_the_hosts_block_fits_on_one_page(ended):
    ended.host.name = "Centre Integrat Públic de Formació Professional de València"
    ended.host.save()
    document = services.document_request(
        project=ended.project, mobility=ended, kind=CERTIFICATE, language="lv"
    )
    render_text(document)
    assert len(PdfReader(io.BytesIO(document_bytes(document))).pages) == 1
