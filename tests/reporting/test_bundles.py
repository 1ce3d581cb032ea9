"""A batch of a project's documents downloads as one ZIP and as one merged PDF for
printing: every ready document once, in the order of the mobilities, only for the
organisation's users."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reporting import services
from tests import factories

from .helpers import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(project, host, alice, django_capture_on_commit_callbacks):
    names = [("Anna", "Ābele"), ("Čaba", "Zariņš"), ("Ēriks", "Ozols")]
    for first, last in names:
        learner = factories.learner(project.organisation, first_name=first, last_name=last)
        factories.mobility(project, participant=learner, host=host, status="completed")
    with django_capture_on_commit_callbacks(execute=False):
        batch = services.document_batch_request(
            project=project, kind="attendance_certificate", language="en", user=alice
        )
    documents = list(batch.documents.order_by("mobility__number"))
    for document in documents[:2]:
        services.document_render(document_id=document.pk)
    return batch


def test_the_zip_holds_each_ready_document_once(client, bob, project, batch):
    client.force_login(bob)
    response = client.get(reverse("reporting:batch_download_zip", args=[project.pk, batch.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert len(names) == 2 and len(set(names)) == 2  # the third is still queued
    texts = [pdf_text(archive.read(name)) for name in names]
    assert "Anna Ābele" in texts[0] and "Čaba Zariņš" in texts[1]


def test_the_merged_pdf_prints_the_ready_documents_in_order(client, bob, project, batch):
    client.force_login(bob)
    response = client.get(reverse("reporting:batch_download_pdf", args=[project.pk, batch.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert text.index("Anna Ābele") < text.index("Čaba Zariņš")
    assert "Ēriks Ozols" not in text
    single = [d for d in batch.documents.all() if d.is_ready][0]
    with single.file.open("rb") as handle:
        pages = len(PdfReader(handle).pages)
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 2 * pages


def test_an_altered_file_is_left_out_and_counted(client, alice, project, batch):
    altered = batch.documents.filter(status="ready").order_by("mobility__number").first()
    with altered.file.open("wb") as handle:
        handle.write(b"%PDF-1.4 not what was rendered")
    client.force_login(alice)
    response = client.get(reverse("reporting:batch_download_zip", args=[project.pk, batch.pk]))
    assert response["X-Documents-Left-Out"] == "1"
    assert len(zipfile.ZipFile(io.BytesIO(response.content)).namelist()) == 1


def test_a_batch_with_nothing_ready_says_so(
    client, alice, project, host, django_capture_on_commit_callbacks
):
    factories.mobility(project, host=host)
    with django_capture_on_commit_callbacks(execute=False):
        batch = services.document_batch_request(
            project=project, kind="grant_agreement", language="lv", user=alice
        )
    client.force_login(alice)
    response = client.get(
        reverse("reporting:batch_download_pdf", args=[project.pk, batch.pk]), follow=True
    )
    assert "No document of this batch is ready to download." in response.content.decode()


def test_another_school_gets_nothing(client, charlie, project, batch):
    client.force_login(charlie)
    for name in ("reporting:batch_download_zip", "reporting:batch_download_pdf"):
        assert client.get(reverse(name, args=[project.pk, batch.pk])).status_code == 404


def test_the_finished_batch_links_both_downloads(client, alice, project, batch):
    for document in batch.documents.exclude(status="ready"):
        services.document_render(document_id=document.pk)
    client.force_login(alice)
    fragment = client.get(
        reverse("reporting:batch_progress", args=[project.pk, batch.pk])
    ).content.decode()
    assert reverse("reporting:batch_download_zip", args=[project.pk, batch.pk]) in fragment
    assert reverse("reporting:batch_download_pdf", args=[project.pk, batch.pk]) in fragment
