"""The participant's portal: their mobilities, what they still have to do, their
documents, the files the coordinator asks for and the report confirmation; and the
coordinator's view of it on the mobility page and the dashboard."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dashboard.dashboard import todo
from mobilities.models import MobilityFile
from mobilities.services import mobility_cancel
from participants.models import FileRequest
from portal.services import file_request_create
from reporting.signing.consent import consent_for
from results.services import recognition_save
from tests import factories, upload_files

from .helpers import countersign, open_agreement, sign_data, sign_in_portal

pytestmark = pytest.mark.django_db

PDF = upload_files.pdf()


def upload(client, mobility, request, content=PDF, name="proof.pdf"):
    url = reverse("portal:portal_file_upload", args=[mobility.pk, request.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)})


def test_the_home_page_lists_the_participants_own_mobilities(client, marta, adult_mobility):
    cancelled = mobility_cancel(
        mobility=factories.mobility(adult_mobility.project, participant=adult_mobility.participant)
    )
    client.force_login(marta)
    page = client.get(reverse("portal:portal_home")).content.decode()
    assert f'data-mobility="{adult_mobility.pk}"' in page
    assert f'data-mobility="{cancelled.pk}"' not in page
    assert "Valencia" in page


def test_the_mobility_page_shows_what_is_left_to_do(client, alice, marta, adult_mobility):
    open_agreement(adult_mobility, alice)
    file_request_create(
        mobility=adult_mobility, kind="attendance_proof", note="Signed by the host", user=alice
    )
    client.force_login(marta)
    page = client.get(reverse("portal:portal_mobility", args=[adult_mobility.pk])).content.decode()
    assert "Sign your grant agreement (version 1)." in page
    assert "Upload: Proof of attendance." in page
    # The stay (September 2026) is over: the report is due.
    assert "I have sent my participant report" in page
    assert "Online Language Support (OLS) invitation" in page  # the checklist, read-only
    assert reverse("mobilities:preparation_item_done", args=[adult_mobility.pk, 1]) not in page
    assert adult_mobility.host.name in page


def test_the_participant_uploads_a_requested_file(client, alice, marta, adult_mobility):
    request = file_request_create(mobility=adult_mobility, kind="attendance_proof", user=alice)
    client.force_login(marta)
    response = upload(client, adult_mobility, request)
    assert response.status_code == 302
    stored = MobilityFile.objects.get()
    assert (stored.kind, stored.uploaded_by, stored.mobility) == (
        "attendance_proof",
        marta,
        adult_mobility,
    )
    request.refresh_from_db()
    assert request.uploaded_file == stored and request.fulfilled_at is not None
    # Done: the same request takes no second file; the coordinator sees the upload.
    assert upload(client, adult_mobility, request).status_code == 404
    client.force_login(alice)
    page = client.get(
        reverse("mobilities:mobility_detail", args=[adult_mobility.pk])
    ).content.decode()
    assert reverse("mobilities:mobility_file_download", args=[stored.pk]) in page


def test_an_upload_is_checked_like_the_coordinators(client, alice, marta, adult_mobility):
    request = file_request_create(mobility=adult_mobility, kind="attendance_proof", user=alice)
    client.force_login(marta)
    response = upload(client, adult_mobility, request, b"<html>", "proof.pdf")
    page = client.get(response["Location"]).content.decode()
    assert "The file&#x27;s content is not the PDF its name says." in page
    assert not MobilityFile.objects.exists()
    assert FileRequest.objects.get().is_open


def test_a_photo_that_is_also_a_zip_archive_is_refused(client, alice, marta, adult_mobility):
    request = file_request_create(mobility=adult_mobility, kind="attendance_proof", user=alice)
    client.force_login(marta)
    content = upload_files.jpeg() + upload_files.zip_archive()
    response = upload(client, adult_mobility, request, content, "proof.jpg")
    page = client.get(response["Location"]).content.decode()
    assert "The file is also a ZIP archive, which is not accepted." in page
    assert not MobilityFile.objects.exists()
    assert FileRequest.objects.get().is_open


def test_the_participant_confirms_the_report(client, marta, adult_mobility):
    client.force_login(marta)
    response = client.post(reverse("portal:portal_report_confirm", args=[adult_mobility.pk]))
    assert response.status_code == 302
    adult_mobility.refresh_from_db()
    assert adult_mobility.participant_report == "submitted"
    entry = adult_mobility.history.first()
    assert entry.history_user == marta  # the history says who


def test_the_participant_downloads_their_generated_documents(client, marta, adult_mobility):
    from reporting import services

    document = services.document_request(
        project=adult_mobility.project,
        mobility=adult_mobility,
        kind="attendance_certificate",
        language="en",
    )
    services.document_render(document_id=document.pk)
    client.force_login(marta)
    page = client.get(reverse("portal:portal_mobility", args=[adult_mobility.pk])).content.decode()
    url = reverse("portal:portal_document_download", args=[document.pk])
    assert url in page
    response = client.get(url)
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_learner_downloads_their_transcript(client, marta, adult_mobility):
    from reporting import services

    recognition_save(
        mobility=adult_mobility,
        data={
            "decision": "full",
            "programme_part": "Module 4, web design",
            "decided_on": adult_mobility.end_date,
            "decided_by": "Inese Liepa",
        },
    )
    document = services.document_request(
        project=adult_mobility.project, mobility=adult_mobility, kind="transcript", language="en"
    )
    services.document_render(document_id=document.pk)
    client.force_login(marta)
    page = client.get(reverse("portal:portal_mobility", args=[adult_mobility.pk])).content.decode()
    url = reverse("portal:portal_document_download", args=[document.pk])
    assert url in page
    assert "Transcript of learning outcomes" in page
    response = client.get(url)
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_signing_page_speaks_latvian(client, alice, marta, adult_mobility):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    page = client.get(
        reverse("portal:portal_agreement", args=[agreement.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert 'lang="lv"' in page
    assert "Es pilnībā izlasīju dotācijas līgumu" in page
    client.post(
        reverse("portal:portal_agreement", args=[agreement.pk]),
        sign_data(agreement, "Marta Bērziņa"),
        HTTP_ACCEPT_LANGUAGE="lv",
    )
    event = agreement.signatures.get()
    assert event.consent_language == "lv"
    assert event.consent_sha256 == consent_for(agreement, "participant", "lv").sha256


def test_the_mobility_page_shows_portal_access_and_signing(client, alice, marta, adult_mobility):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    client.force_login(alice)
    page = client.get(
        reverse("mobilities:mobility_detail", args=[adult_mobility.pk])
    ).content.decode()
    assert 'id="portal"' in page
    assert 'data-portal-role="participant"' in page
    assert "Account marta" in page
    assert 'data-agreement-version="1" data-status="open"' in page
    assert 'data-signed-as="participant"' in page
    assert reverse("signing:agreement_countersign", args=[agreement.pk]) in page
    documents = client.get(reverse("reporting:mobility_documents", args=[adult_mobility.pk]))
    assert (
        reverse("signing:agreement_countersign", args=[agreement.pk]) in documents.content.decode()
    )


def test_sending_from_the_page_queues_the_document_and_freezes_it_when_rendered(
    client, alice, adult_mobility, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("signing:agreement_send", args=[adult_mobility.pk]), {"language": "lv"}
        )
    assert response.status_code == 302
    agreement = adult_mobility.agreement_versions.get()
    assert agreement.status == "open" and agreement.language == "lv"


def test_the_dashboard_counts_agreements_not_signed_online(
    client, alice, marta, adult_mobility, django_capture_on_commit_callbacks
):
    from mobilities.services import mobility_update

    mobility_update(mobility=adult_mobility, data={"status": "approved"})

    def agreements_todo():
        groups = {group.key: group for group in todo(adult_mobility.project, timezone.localdate())}
        return groups["agreements"].count if "agreements" in groups else 0

    assert agreements_todo() == 1
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    assert agreements_todo() == 1
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        countersign(client, agreement, "Alise Kalēja")
    assert agreements_todo() == 0
    mobility_update(
        mobility=adult_mobility, data={"start_date": date(2026, 9, 2)}
    )  # a new version to sign
    assert agreements_todo() == 1


def test_a_scanned_paper_agreement_still_counts_until_online_signing_starts(alice, adult_mobility):
    from django.core.files.base import ContentFile

    from mobilities.services import mobility_file_add, mobility_update

    mobility_update(mobility=adult_mobility, data={"status": "approved"})
    mobility_file_add(
        mobility=adult_mobility,
        kind="grant_agreement",
        upload=ContentFile(PDF, name="signed.pdf"),
        uploaded_by=alice,
    )
    keys = {group.key for group in todo(adult_mobility.project, timezone.localdate())}
    assert "agreements" not in keys
    open_agreement(adult_mobility, alice)
    keys = {group.key for group in todo(adult_mobility.project, timezone.localdate())}
    assert "agreements" in keys
