"""The whole signing of a grant agreement: an adult, a minor with a guardian, the
organisation's countersignature, the final PDF and an amendment after signing."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mobilities.services import mobility_update
from reporting.models import AgreementVersion, SignatureEvent
from reporting.signing import agreement_finalize
from reporting.signing.consent import CURRENT_VERSION
from tests.reporting.helpers import pdf_text

from .helpers import countersign, open_agreement, sign_in_portal

pytestmark = pytest.mark.django_db

Status = AgreementVersion.Status


def final_bytes(agreement) -> bytes:
    agreement.refresh_from_db()
    with agreement.final_file.open("rb") as handle:
        return handle.read()


def frozen_bytes(agreement) -> bytes:
    with agreement.frozen_file.open("rb") as handle:
        return handle.read()


def test_sending_for_signing_freezes_the_rendered_agreement(adult_mobility, alice):
    agreement = open_agreement(adult_mobility, alice)
    assert agreement.status == Status.OPEN
    assert agreement.number == 1
    document = agreement.document
    assert agreement.frozen_sha256 == document.sha256
    assert frozen_bytes(agreement) == document.file.open("rb").read()
    assert agreement.participant_name == "Marta Bērziņa"


def test_an_adult_signs_then_the_organisation_and_the_final_pdf_is_stored(
    client, adult_mobility, alice, marta, django_capture_on_commit_callbacks
):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    page = client.get(reverse("portal:portal_agreement", args=[agreement.pk])).content.decode()
    assert "I have read the whole grant agreement" in page
    assert agreement.frozen_sha256 in page

    response = sign_in_portal(client, agreement, "  marta   BERZINA ")
    assert response.status_code == 302
    event = SignatureEvent.objects.get()
    assert (event.role, event.signer, event.typed_name) == ("participant", marta, "marta   BERZINA")
    assert event.name_on_agreement == "Marta Bērziņa"
    assert event.document_sha256 == agreement.frozen_sha256
    assert event.ip_address == "127.0.0.1"
    assert event.auth_method == "password"
    assert event.consent_version == CURRENT_VERSION and len(event.consent_sha256) == 64
    agreement.refresh_from_db()
    assert agreement.guardian_required is False

    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = countersign(client, agreement, "Alise Kalēja")
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED
    assert [e.role for e in agreement.signatures.order_by("signed_at")] == [
        "participant",
        "organisation",
    ]
    data = final_bytes(agreement)
    frozen = frozen_bytes(agreement)
    # The final PDF is the signed bytes followed by the certificate page.
    assert data.startswith(frozen)
    assert len(PdfReader(io.BytesIO(data)).pages) == len(PdfReader(io.BytesIO(frozen)).pages) + 1
    reader = PdfReader(io.BytesIO(data))
    certificate = " ".join(reader.pages[-1].extract_text().split())
    assert "Signature certificate" in certificate
    assert "marta BERZINA" in certificate
    assert "Alise Kalēja" in certificate
    assert agreement.frozen_sha256 in certificate
    assert "127.0.0.1" in certificate and "UTC" in certificate
    assert agreement.final_sha256 and not agreement.sealed


def test_a_minor_needs_the_guardian_before_the_organisation(
    client, minor_mobility, alice, zanete, girts, django_capture_on_commit_callbacks
):
    agreement = open_agreement(minor_mobility, alice)
    client.force_login(girts)
    # The participant signs first.
    page = client.get(reverse("portal:portal_agreement", args=[agreement.pk])).content.decode()
    assert 'id="sign-form"' not in page
    client.force_login(zanete)
    assert sign_in_portal(client, agreement, "Zanete Kenina").status_code == 302
    agreement.refresh_from_db()
    assert agreement.guardian_required is True

    client.force_login(alice)
    response = countersign(client, agreement, "Alise Kalēja")
    assert response.status_code == 400  # refused: the guardian signs first
    assert "waiting for Guardian" in response.content.decode()
    assert not agreement.signatures.filter(role="organisation").exists()

    client.force_login(girts)
    assert sign_in_portal(client, agreement, "Ģirts Ķēniņš").status_code == 302
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert countersign(client, agreement, "alise kaleja").status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.SIGNED
    roles = list(agreement.signatures.order_by("signed_at").values_list("role", flat=True))
    assert roles == ["participant", "guardian", "organisation"]
    assert "Ģirts Ķēniņš" in pdf_text(final_bytes(agreement))


def test_a_learner_of_18_on_the_signing_day_needs_no_guardian(
    client, minor_mobility, alice, zanete
):
    participant = minor_mobility.participant
    participant.date_of_birth = date(2008, 1, 1)  # 18 by now, still a minor at 17 before
    participant.save()
    agreement = open_agreement(minor_mobility, alice)
    client.force_login(zanete)
    sign_in_portal(client, agreement, "Žanete Ķēniņa")
    agreement.refresh_from_db()
    assert agreement.guardian_required is False


def test_the_typed_name_must_be_the_name_on_the_agreement(client, adult_mobility, alice, marta):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    response = sign_in_portal(client, agreement, "Marta Ozola")
    assert response.status_code == 400
    assert "Type the name as it is on the agreement: Marta Bērziņa." in response.content.decode()
    response = sign_in_portal(client, agreement, "Marta Bērziņa", consent="")
    assert response.status_code == 400
    assert not SignatureEvent.objects.exists()


def test_a_drawn_signature_is_kept_and_drawn_on_the_certificate(
    client, adult_mobility, alice, marta, django_capture_on_commit_callbacks
):
    from tests.reporting.helpers import LATVIAN_LETTERS  # noqa: F401 - fonts are loaded

    png = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa", drawn_signature=png)
    assert SignatureEvent.objects.get().drawn_signature == png
    response = sign_in_portal(client, agreement, "Marta Bērziņa", drawn_signature="data:x")
    assert response.status_code == 400

    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        countersign(client, agreement, "Alise Kalēja")
    assert b"/Image" in final_bytes(agreement)


def test_a_drawing_that_is_not_a_png_is_refused(client, adult_mobility, alice, marta):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    response = sign_in_portal(
        client, agreement, "Marta Bērziņa", drawn_signature="data:image/png;base64,PHN2Zz4="
    )
    assert response.status_code == 400
    assert "drawn signature could not be read" in response.content.decode()
    assert not SignatureEvent.objects.exists()


def test_a_change_of_dates_after_signing_supersedes_and_starts_a_new_version(
    adult_mobility, signed
):
    agreement = signed
    mobility_update(mobility=adult_mobility, data={"end_date": date(2026, 9, 30)})

    agreement.refresh_from_db()
    assert agreement.status == Status.SUPERSEDED
    assert "dates or amounts" in agreement.superseded_reason_text
    assert agreement.signatures.count() == 2  # kept, with the old final PDF
    assert final_bytes(agreement)
    new = AgreementVersion.objects.get(mobility=adult_mobility, number=2)
    assert new.status == Status.PREPARING and new.language == agreement.language
    from .helpers import render_and_freeze

    render_and_freeze(new)
    new.refresh_from_db()
    assert new.status == Status.OPEN
    assert "30 September 2026" in pdf_text(frozen_bytes(new))


def test_a_change_that_does_not_touch_the_agreement_keeps_it(adult_mobility, alice):
    agreement = open_agreement(adult_mobility, alice)
    mobility_update(
        mobility=adult_mobility, data={"notes": "Kofera izmērs", "participant_report": "requested"}
    )
    agreement.refresh_from_db()
    assert agreement.status == Status.OPEN
    assert AgreementVersion.objects.count() == 1


def test_a_new_amount_supersedes_an_agreement_being_signed(client, adult_mobility, alice, marta):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    participant = adult_mobility.participant
    participant.fewer_opportunities = True
    participant.fewer_opportunities_categories = ["economic"]
    from participants.services import participant_save

    participant_save(participant=participant)  # more money: inclusion support
    agreement.refresh_from_db()
    assert agreement.status == Status.SUPERSEDED
    # The signature on the old version cannot be used for the new one.
    assert AgreementVersion.objects.get(number=2).signatures.count() == 0


def test_cancelling_the_mobility_withdraws_an_unsigned_agreement(adult_mobility, alice):
    from mobilities.services import mobility_cancel

    agreement = open_agreement(adult_mobility, alice)
    mobility_cancel(mobility=adult_mobility)
    agreement.refresh_from_db()
    assert agreement.status == Status.SUPERSEDED
    assert AgreementVersion.objects.count() == 1


def test_finalizing_twice_stores_one_final_pdf(client, adult_mobility, alice, marta):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    client.force_login(alice)
    countersign(client, agreement, "Alise Kalēja")  # on_commit not run: not finalized yet
    assert agreement_finalize(agreement_id=agreement.pk) is True
    assert agreement_finalize(agreement_id=agreement.pk) is False
