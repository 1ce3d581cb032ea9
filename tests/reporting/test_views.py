"""The documents pages: coordinators generate and edit, viewers read and download,
another organisation gets 404; status updates without reloading; bad input answers with
messages naming the field."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting import selectors, services
from reporting.models import (
    SECTION_LIMITS,
    DocumentKind,
    FinalReportAnswer,
    GeneratedDocument,
    GrantAgreementTerms,
    LearningAgreementDetails,
)
from tests import factories

from .helpers import pdf_text

pytestmark = pytest.mark.django_db

Status = GeneratedDocument.Status


def ready_document(mobility, kind=DocumentKind.GRANT_AGREEMENT, language="en"):
    document = services.document_request(
        project=mobility.project, mobility=mobility, kind=kind, language=language
    )
    services.document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


@pytest.fixture
def document(mobility):
    return ready_document(mobility)


def pages(mobility):
    project = mobility.project_id
    return [
        reverse("reporting:mobility_documents", args=[mobility.pk]),
        reverse("reporting:project_documents", args=[project]),
        reverse("reporting:final_report", args=[project]),
        reverse("reporting:final_report_text", args=[project]),
    ]


def test_members_see_the_documents_pages(client, alice, bob, mobility):
    for person in (alice, bob):
        client.force_login(person)
        for url in pages(mobility):
            assert client.get(url).status_code == 200, url


def test_another_organisation_gets_404_for_every_page_and_document(
    client, charlie, mobility, document
):
    client.force_login(charlie)
    urls = pages(mobility) + [
        reverse("reporting:document_status", args=[document.pk]),
        reverse("reporting:document_download", args=[document.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    posts = [
        reverse("reporting:mobility_document_request", args=[mobility.pk]),
        reverse("reporting:project_documents_batch", args=[mobility.project_id]),
        reverse("reporting:final_report_request", args=[mobility.project_id]),
        reverse("reporting:final_report_answer", args=[mobility.project_id, "goals"]),
    ]
    for url in posts:
        assert client.post(url, {"kind": "grant_agreement", "language": "lv"}).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, mobility, document):
    for url in pages(mobility) + [reverse("reporting:document_download", args=[document.pk])]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_viewers_download_but_do_not_generate_or_edit(client, bob, mobility, document):
    client.force_login(bob)
    assert client.get(reverse("reporting:document_download", args=[document.pk])).status_code == 200
    forbidden = [
        (
            reverse("reporting:mobility_document_request", args=[mobility.pk]),
            {"kind": "grant_agreement"},
        ),
        (reverse("reporting:project_documents_batch", args=[mobility.project_id]), {}),
        (reverse("reporting:final_report_request", args=[mobility.project_id]), {}),
        (reverse("reporting:final_report_answer", args=[mobility.project_id, "goals"]), {}),
        (reverse("reporting:grant_agreement_terms_edit", args=[mobility.project_id]), {}),
        (reverse("reporting:learning_agreement_details_edit", args=[mobility.pk]), {}),
    ]
    for url, data in forbidden:
        assert client.post(url, data | {"language": "lv"}).status_code == 403, url
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert reverse("reporting:mobility_document_request", args=[mobility.pk]) not in page


def test_a_coordinator_generates_a_document_and_gets_it_without_reloading(
    client, alice, mobility, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    url = reverse("reporting:mobility_document_request", args=[mobility.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"kind": "grant_agreement", "language": "lv"})
    assert response.status_code == 302
    document = GeneratedDocument.objects.get()
    assert (document.status, document.requested_by) == (Status.QUEUED, alice)
    status_url = reverse("reporting:document_status", args=[document.pk])
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert f'hx-get="{status_url}"' in page
    assert 'hx-trigger="every 2s"' in page

    for callback in callbacks:  # the transaction committed: the (eager) task runs
        callback()
    fragment = client.get(status_url, HTTP_HX_REQUEST="true").content.decode()
    assert 'data-status="ready"' in fragment
    assert "hx-trigger" not in fragment  # finished: polling stops
    assert reverse("reporting:document_download", args=[document.pk]) in fragment


def test_the_download_is_the_pdf_with_its_hash(client, bob, document, mobility):
    client.force_login(bob)
    response = client.get(reverse("reporting:document_download", args=[document.pk]))
    data = b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response["ETag"] == f'"{document.sha256}"'
    assert mobility.participant.full_name in pdf_text(data)


def test_a_document_not_ready_is_not_downloadable(client, alice, mobility):
    document = services.document_request(
        project=mobility.project, mobility=mobility, kind="grant_agreement", language="lv"
    )
    client.force_login(alice)
    assert client.get(reverse("reporting:document_download", args=[document.pk])).status_code == 404


def test_a_failed_document_shows_its_reason(client, alice, mobility):
    document = services.document_request(
        project=mobility.project, mobility=mobility, kind="grant_agreement", language="en"
    )
    services.document_fail(document_id=document.pk, reason="Fonts missing.")
    client.force_login(alice)
    fragment = client.get(reverse("reporting:document_status", args=[document.pk])).content.decode()
    assert 'data-status="failed"' in fragment
    assert "Fonts missing." in fragment


def test_bad_input_answers_with_messages_naming_the_field(client, alice, mobility):
    client.force_login(alice)
    url = reverse("reporting:mobility_document_request", args=[mobility.pk])
    response = client.post(url, {"kind": "passport", "language": "de"})
    assert response.status_code == 400
    form = response.context["request_form"]
    assert form.errors["kind"] == ["Choose one of the documents offered."]
    assert form.errors["language"] == ["Choose Latvian or English."]
    assert not GeneratedDocument.objects.exists()


def test_a_learning_agreement_is_not_offered_for_staff(client, alice, project, host):
    staff = factories.staff(project.organisation)
    mobility = factories.mobility(
        project,
        participant=staff,
        host=host,
        activity_type="staff_job_shadowing",
        end_date=date(2026, 9, 5),
    )
    client.force_login(alice)
    url = reverse("reporting:mobility_document_request", args=[mobility.pk])
    response = client.post(url, {"kind": "learning_agreement", "language": "lv"})
    assert response.status_code == 400
    assert "kind" in response.context["request_form"].errors
    page = client.get(reverse("reporting:mobility_documents", args=[mobility.pk])).content.decode()
    assert 'id="learning-agreement"' not in page


def test_a_coordinator_saves_the_learning_agreement_details(client, alice, mobility):
    client.force_login(alice)
    url = reverse("reporting:learning_agreement_details_edit", args=[mobility.pk])
    # The form carries the (here empty) rows of its units of learning outcomes.
    units = {"units-TOTAL_FORMS": "0", "units-INITIAL_FORMS": "0"}
    response = client.post(
        url, {"learning_outcomes": "Mācību vienība 1", "host_mentor_name": "Jordi Puig"} | units
    )
    assert response.status_code == 302
    details = LearningAgreementDetails.objects.get(mobility=mobility)
    assert (details.learning_outcomes, details.host_mentor_name) == (
        "Mācību vienība 1",
        "Jordi Puig",
    )


def test_the_learning_agreement_form_names_a_field_that_is_too_long(client, alice, mobility):
    client.force_login(alice)
    url = reverse("reporting:learning_agreement_details_edit", args=[mobility.pk])
    response = client.post(url, {"host_mentor_name": "x" * 201})
    assert response.status_code == 400
    assert "host_mentor_name" in response.context["details_form"].errors


def test_a_coordinator_sets_the_payment_schedule(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:grant_agreement_terms_edit", args=[project.pk])
    data = {
        "prefinancing_percent": "60",
        "prefinancing_days_before_departure": "10",
        "balance_days_after_report": "45",
        "representative_name": "Ināra Bērziņa",
        "representative_position": "direktore",
    }
    assert client.post(url, data).status_code == 302
    terms = GrantAgreementTerms.objects.get(project=project)
    assert (terms.prefinancing_percent, terms.balance_percent) == (60, 40)
    response = client.post(url, data | {"prefinancing_percent": "120"})
    assert response.status_code == 400
    assert "prefinancing_percent" in response.context["terms_form"].errors


def test_a_batch_shows_n_of_n_done(
    client, alice, project, host, django_capture_on_commit_callbacks
):
    for _ in range(3):
        factories.mobility(project, host=host)
    client.force_login(alice)
    url = reverse("reporting:project_documents_batch", args=[project.pk])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, {"kind": "attendance_certificate", "language": "en"})
    batch = project.document_batches.get()
    progress_url = reverse("reporting:batch_progress", args=[project.pk, batch.pk])
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert 'data-progress="0/3"' in fragment.content.decode()
    assert "hx-trigger" in fragment.content.decode()
    assert "HX-Trigger" not in fragment

    first = batch.documents.order_by("pk").first()
    services.document_render(document_id=first.pk)
    assert 'data-progress="1/3"' in client.get(progress_url).content.decode()

    for callback in callbacks:
        callback()
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert "3 of 3 done" in fragment.content.decode()
    assert 'hx-trigger="every' not in fragment.content.decode()
    assert fragment["HX-Trigger"] == "documents-changed"


def test_the_project_documents_page_lists_each_mobilitys_latest_documents(
    client, bob, mobility, document
):
    older = ready_document(mobility, language="lv")
    newer = ready_document(mobility, language="lv")
    client.force_login(bob)
    page = client.get(
        reverse("reporting:project_documents", args=[mobility.project_id])
    ).content.decode()
    assert reverse("reporting:document_download", args=[document.pk]) in page
    assert reverse("reporting:document_download", args=[newer.pk]) in page
    assert reverse("reporting:document_download", args=[older.pk]) not in page


def test_a_coordinator_saves_an_answer_in_place(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:final_report_answer", args=[project.pk, "problems"])
    response = client.post(url, {"problems-text": "Nebija problēmu."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Saved at" in response.content.decode()
    answer = FinalReportAnswer.objects.get(project=project, section="problems")
    assert (answer.text, answer.updated_by) == ("Nebija problēmu.", alice)
    page = client.get(reverse("reporting:final_report", args=[project.pk])).content.decode()
    assert "Nebija problēmu." in page


def test_an_answer_saves_without_javascript_too(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:final_report_answer", args=[project.pk, "budget"])
    response = client.post(url, {"budget-text": "Kā plānots."})
    assert response.status_code == 302
    assert response["Location"].endswith("#section-budget")


def test_a_too_long_answer_is_refused_naming_the_limit(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:final_report_answer", args=[project.pk, "budget"])
    response = client.post(url, {"budget-text": "ā" * 5001}, HTTP_HX_REQUEST="true")
    assert "An answer has at most 5000 characters (it has 5001)." in response.content.decode()
    assert not FinalReportAnswer.objects.exists()


def test_an_unknown_question_is_not_found(client, alice, project):
    client.force_login(alice)
    url = reverse("reporting:final_report_answer", args=[project.pk, "weather"])
    assert client.post(url, {"weather-text": "x"}).status_code == 404


def test_the_final_report_draft_downloads_as_text(client, bob, project, mobility):
    FinalReportAnswer.objects.create(project=project, section="impact", text="Liela ietekme.")
    client.force_login(bob)
    response = client.get(reverse("reporting:final_report_text", args=[project.pk]))
    text = response.content.decode("utf-8")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "19. What was the impact on participants, organisations and target groups?" in text
    assert "Liela ietekme." in text
    assert (
        "- Short-term learning mobility of learners; Spain; Mobilities: 1; Participants: 1" in text
    )


def test_a_coordinator_generates_the_final_report_pdf(
    client, alice, project, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:final_report_request", args=[project.pk]),
            {"kind": "final_report", "language": "lv"},
        )
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind="final_report")
    assert document.status == Status.READY
    page = client.get(reverse("reporting:final_report", args=[project.pk])).content.decode()
    assert reverse("reporting:document_download", args=[document.pk]) in page


def test_the_project_tabs_lead_to_the_documents_and_the_final_report(client, bob, project):
    client.force_login(bob)
    page = client.get(reverse("reporting:project_documents", args=[project.pk])).content.decode()
    assert reverse("reporting:final_report", args=[project.pk]) in page
    assert (
        'aria-current="page" href="{}"'.format(
            reverse("reporting:project_documents", args=[project.pk])
        )
        in page
    )


def test_a_participant_will_see_only_their_own_ready_documents(project, host, mobility):
    mine = ready_document(mobility)
    services.document_request(
        project=project, mobility=mobility, kind="attendance_certificate", language="en"
    )  # still queued
    ready_document(factories.mobility(project, host=host))  # another participant's
    services.document_request(project=project, kind="final_report", language="en")
    assert list(selectors.documents_for_participant(mobility.participant)) == [mine]


def test_each_question_takes_its_own_limit_and_shows_the_count(
    client, alice, project, monkeypatch
):
    monkeypatch.setitem(SECTION_LIMITS, "summary", 300)
    client.force_login(alice)
    url = reverse("reporting:final_report_answer", args=[project.pk, "summary"])
    response = client.post(url, {"summary-text": "ā" * 301}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "An answer has at most 300 characters (it has 301)." in page
    assert 'data-limit="300"' in page and "<span data-count>301</span> / 300" in page
    with pytest.raises(ValidationError):
        services.final_report_answer_save(project=project, section="summary", text="ā" * 301)
    response = client.post(url, {"summary-text": "Īsi."}, HTTP_HX_REQUEST="true")
    assert "<span data-count>4</span> / 300" in response.content.decode()
    assert FinalReportAnswer.objects.get().text == "Īsi."
