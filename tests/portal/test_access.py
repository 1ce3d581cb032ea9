"""Who reaches what: portal users reach their own portal and nothing else (every other
participant's pages and files are 404, every coordinator page sends them to their
portal); coordinators reach no portal pages; another organisation gets 404; signing
needs the signer's own session and a CSRF token."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from mobilities.services import mobility_file_add
from portal.services import file_request_create
from reporting import services
from reporting.models import SignatureEvent
from tests import upload_files

from .helpers import countersign, open_agreement, sign_data, sign_in_portal

pytestmark = pytest.mark.django_db

PDF = upload_files.pdf()

COORDINATOR_PAGES = [
    lambda m: reverse("projects:home"),
    lambda m: reverse("dashboard:project_detail", args=[m.project_id]),
    lambda m: reverse("mobilities:mobility_list", args=[m.project_id]),
    lambda m: reverse("mobilities:mobility_detail", args=[m.pk]),
    lambda m: reverse("reporting:mobility_documents", args=[m.pk]),
    lambda m: reverse("participants:participant_list"),
    lambda m: reverse("participants:participant_detail", args=[m.participant_id]),
    lambda m: reverse("projects:plan_list"),
    lambda m: reverse("projects:partner_list"),
    lambda m: reverse("budget:project_budget", args=[m.project_id]),
    lambda m: reverse("reporting:project_documents", args=[m.project_id]),
    lambda m: reverse("budget:rates_latest"),
    lambda m: reverse("password_change"),
    lambda m: "/admin/",
    lambda m: "/admin/participants/participant/",
]


@pytest.fixture
def marta_files(adult_mobility, alice, marta):
    """Marta's ready grant agreement document, a file she uploaded and her agreement."""
    document = services.document_request(
        project=adult_mobility.project,
        mobility=adult_mobility,
        kind="attendance_certificate",
        language="lv",
    )
    services.document_render(document_id=document.pk)
    upload = mobility_file_add(
        mobility=adult_mobility,
        kind="attendance_proof",
        upload=ContentFile(PDF, name="proof.pdf"),
        uploaded_by=marta,
    )
    request = file_request_create(mobility=adult_mobility, kind="europass_mobility", user=alice)
    return {
        "mobility": adult_mobility,
        "document": document,
        "upload": upload,
        "request": request,
        "agreement": open_agreement(adult_mobility, alice),
    }


def marta_urls(files) -> list[str]:
    mobility, agreement = files["mobility"], files["agreement"]
    return [
        reverse("portal:portal_mobility", args=[mobility.pk]),
        reverse("portal:portal_document_download", args=[files["document"].pk]),
        reverse("portal:portal_file_download", args=[files["upload"].pk]),
        reverse("portal:portal_agreement", args=[agreement.pk]),
        reverse("portal:portal_agreement_pdf", args=[agreement.pk]),
    ]


def test_a_participant_reaches_their_own_pages_and_files(client, marta, marta_files):
    client.force_login(marta)
    for url in marta_urls(marta_files):
        assert client.get(url).status_code == 200, url


def test_other_participants_of_both_schools_get_404(client, zanete, oskars, girts, marta_files):
    for person in (zanete, oskars, girts):
        client.force_login(person)
        for url in marta_urls(marta_files):
            assert client.get(url).status_code == 404, (person.username, url)
    mobility, request = marta_files["mobility"], marta_files["request"]
    client.force_login(oskars)
    upload = reverse("portal:portal_file_upload", args=[mobility.pk, request.pk])
    assert client.post(upload, {"file": ContentFile(PDF, name="x.pdf")}).status_code == 404
    report = reverse("portal:portal_report_confirm", args=[mobility.pk])
    assert client.post(report).status_code == 404


def test_someone_elses_agreement_cannot_be_signed(client, zanete, oskars, marta_files):
    agreement = marta_files["agreement"]
    for person in (zanete, oskars):
        client.force_login(person)
        assert sign_in_portal(client, agreement, "Marta Bērziņa").status_code == 404
    assert not SignatureEvent.objects.exists()


def test_a_guardian_reaches_only_the_agreement_to_sign(
    client, alice, minor_mobility, zanete, girts
):
    agreement = open_agreement(minor_mobility, alice)
    client.force_login(girts)
    assert client.get(reverse("portal:portal_agreement", args=[agreement.pk])).status_code == 200
    assert (
        client.get(reverse("portal:portal_agreement_pdf", args=[agreement.pk])).status_code == 200
    )
    assert (
        client.get(reverse("portal:portal_mobility", args=[minor_mobility.pk])).status_code == 404
    )
    home = client.get(reverse("portal:portal_home")).content.decode()
    assert f'data-agreement="{agreement.pk}"' in home
    assert "data-mobility=" not in home


def test_a_guardian_sees_nothing_once_no_guardian_is_needed(
    client, alice, adult_mobility, marta_participant
):
    from .helpers import portal_user

    guardian = portal_user(marta_participant, role="guardian", username="guardian")
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(guardian)
    assert client.get(reverse("portal:portal_agreement", args=[agreement.pk])).status_code == 404


def test_portal_users_are_sent_to_their_portal_from_every_coordinator_page(
    client, marta, girts, adult_mobility
):
    for person in (marta, girts):
        client.force_login(person)
        for url_of in COORDINATOR_PAGES:
            url = url_of(adult_mobility)
            response = client.get(url)
            assert response.status_code == 302, url
            assert response["Location"] == reverse("portal:portal_home"), url
        # Writes are refused the same way.
        url = reverse("mobilities:mobility_cancel", args=[adult_mobility.pk])
        assert client.post(url)["Location"] == reverse("portal:portal_home")


def test_portal_users_have_no_coordinator_access_even_past_the_redirect(
    client, marta, adult_mobility
):
    """The coordinator pages scope by Membership, which portal users never have: a
    session that did not go through the sign-in signal still sees nothing."""
    client.force_login(marta)
    session = client.session
    del session["portal_role"]
    session.save()
    assert (
        client.get(reverse("mobilities:mobility_detail", args=[adult_mobility.pk])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("dashboard:project_detail", args=[adult_mobility.project_id])
        ).status_code
        == 404
    )
    assert client.get("/admin/").status_code == 302  # not staff: the admin's sign-in


def test_signing_in_leads_portal_users_to_the_portal(client, marta):
    response = client.post(
        reverse("login"), {"username": "marta", "password": "secret-pass-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("portal:portal_home")
    assert "Hello, Marta" in response.content.decode()


def test_coordinators_have_no_portal(client, alice, marta_files):
    client.force_login(alice)
    assert client.get(reverse("portal:portal_home")).status_code == 404
    for url in marta_urls(marta_files):
        assert client.get(url).status_code == 404, url


def test_another_organisation_gets_404_on_the_coordinators_signing_pages(
    client, charlie, marta_files
):
    agreement = marta_files["agreement"]
    client.force_login(charlie)
    for name in (
        "signing:agreement_pdf",
        "signing:agreement_countersign",
        "signing:agreement_signed_pdf",
    ):
        assert client.get(reverse(name, args=[agreement.pk])).status_code == 404, name
    url = reverse("signing:agreement_send", args=[marta_files["mobility"].pk])
    assert client.post(url, {"language": "lv"}).status_code == 404


def test_viewers_read_but_do_not_countersign_or_send(client, bob, marta, marta_files):
    agreement = marta_files["agreement"]
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    client.force_login(bob)
    assert client.get(reverse("signing:agreement_pdf", args=[agreement.pk])).status_code == 200
    assert countersign(client, agreement, "Bob").status_code == 403
    url = reverse("signing:agreement_send", args=[marta_files["mobility"].pk])
    assert client.post(url, {"language": "lv"}).status_code == 403
    page = client.get(
        reverse("mobilities:mobility_detail", args=[agreement.mobility_id])
    ).content.decode()
    assert reverse("signing:agreement_countersign", args=[agreement.pk]) not in page


def test_anonymous_visitors_are_sent_to_sign_in(client, marta_files):
    for url in marta_urls(marta_files) + [reverse("portal:portal_home")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_every_signing_form_needs_a_csrf_token(marta, alice, marta_files):
    agreement, mobility = marta_files["agreement"], marta_files["mobility"]
    strict = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    strict.force_login(marta)
    url = reverse("portal:portal_agreement", args=[agreement.pk])
    assert strict.post(url, sign_data(agreement, "Marta Bērziņa")).status_code == 403
    page = strict.get(url)
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    strict.force_login(alice)
    for url in (
        reverse("signing:agreement_countersign", args=[agreement.pk]),
        reverse("signing:agreement_send", args=[mobility.pk]),
        reverse("portal:portal_invite", args=[mobility.pk]),
    ):
        assert strict.post(url, {"language": "lv", "role": "participant"}).status_code == 403
    assert not SignatureEvent.objects.exists()


def test_another_organisation_sees_no_portal_or_signing_records_in_the_admin(
    client, charlie, adult_mobility
):
    from django.contrib.auth.models import Permission

    from .rows import portal_rows

    portal_rows(adult_mobility)
    charlie.is_staff = True
    charlie.save()
    charlie.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["participants", "reporting"])
    )
    client.force_login(charlie)
    for model in (
        "participants/portalaccount",
        "participants/portalinvitation",
        "participants/filerequest",
        "reporting/agreementversion",
        "reporting/signatureevent",
    ):
        page = client.get(f"/admin/{model}/")
        assert page.status_code == 200, model
        assert page.context["cl"].result_count == 0, model
