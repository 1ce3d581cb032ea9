"""Agreements sent for signing follow the project's grant agreement terms: a new payment
schedule must be signed again, even after signing; a new representative only where the
organisation has not signed yet."""

import pytest
from django.urls import reverse

from reporting import services
from reporting.models import AgreementVersion, GrantAgreementTerms
from tests.reporting.helpers import pdf_text

from .helpers import open_agreement, render_and_freeze, sign_in_portal

pytestmark = pytest.mark.django_db

Status = AgreementVersion.Status

TERMS = {
    "prefinancing_percent": 80,
    "prefinancing_days_before_departure": 7,
    "balance_days_after_report": 30,
    "representative_name": "Alise Kalēja",
    "representative_position": "direktore",
}


@pytest.fixture
def terms(project):
    return services.grant_agreement_terms_update(project=project, data=TERMS)[0]


@pytest.fixture
def signed(terms, signed):
    """The conftest's signed agreement, sent after the project's terms were set (Alise is
    the representative they name)."""
    assert signed.representative_name == terms.representative_name
    return signed


def frozen_text(version) -> str:
    version.refresh_from_db()
    with version.frozen_file.open("rb") as handle:
        return pdf_text(handle.read())


def test_a_new_payment_schedule_supersedes_a_signed_agreement(project, signed):
    _terms, renewed = services.grant_agreement_terms_update(
        project=project, data=TERMS | {"prefinancing_percent": 60}
    )

    assert renewed == 1
    signed.refresh_from_db()
    assert signed.status == Status.SUPERSEDED
    assert "terms of the project's grant agreements changed" in signed.superseded_reason_text
    assert signed.signatures.count() == 2  # kept, with its final PDF
    new = AgreementVersion.objects.get(mobility=signed.mobility, number=2)
    assert (new.status, new.language) == (Status.PREPARING, signed.language)
    render_and_freeze(new)
    assert "Pre-financing: 60 % of the amount paid" in " ".join(frozen_text(new).split())
    assert "Pre-financing: 80 % of the amount paid" in " ".join(frozen_text(signed).split())


def test_a_new_representative_keeps_a_signed_agreement(project, signed):
    _terms, renewed = services.grant_agreement_terms_update(
        project=project, data=TERMS | {"representative_name": "Jānis Ozols"}
    )

    assert renewed == 0
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED
    assert AgreementVersion.objects.count() == 1


def test_a_new_representative_renews_an_agreement_the_organisation_has_not_signed(
    client, project, terms, adult_mobility, alice, marta
):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")

    services.grant_agreement_terms_update(
        project=project, data=TERMS | {"representative_name": "Jānis Ozols"}
    )

    agreement.refresh_from_db()
    assert agreement.status == Status.SUPERSEDED
    new = AgreementVersion.objects.get(number=2)
    assert new.signatures.count() == 0  # Marta signs what now names the new representative
    render_and_freeze(new)
    new.refresh_from_db()
    assert new.representative_name == "Jānis Ozols"
    assert "Jānis Ozols" in frozen_text(new)


def test_an_agreement_still_preparing_waits_for_a_document_with_the_new_terms(
    project, terms, adult_mobility
):
    from reporting import signing

    version = signing.agreement_send(mobility=adult_mobility, language="en")
    first_document = version.document_id

    services.grant_agreement_terms_update(
        project=project, data=TERMS | {"balance_days_after_report": 45}
    )

    version.refresh_from_db()
    assert version.status == Status.PREPARING
    assert version.document_id != first_document
    assert AgreementVersion.objects.count() == 1
    # The first document, rendered late, is not the one frozen.
    services.document_render(document_id=first_document)
    assert signing.agreement_document_rendered(document_id=first_document) is None
    render_and_freeze(version)
    assert "paid within 45 days after" in " ".join(frozen_text(version).split())


def test_saving_the_same_terms_changes_no_agreement(project, signed):
    _terms, renewed = services.grant_agreement_terms_update(project=project, data=TERMS)
    assert renewed == 0
    signed.refresh_from_db()
    assert signed.status == Status.SIGNED


def test_the_coordinator_is_told_how_many_agreements_are_renewed(client, alice, project, signed):
    client.force_login(alice)
    url = reverse("reporting:grant_agreement_terms_edit", args=[project.pk])
    response = client.post(url, TERMS | {"prefinancing_percent": 70}, follow=True)
    page = response.content.decode()
    assert "The terms of the grant agreements were saved." in page
    assert "1 agreement sent for signing said the old terms" in page


def test_terms_changed_in_the_admin_are_followed_too(client, admin_user, project, signed):
    client.force_login(admin_user)
    url = reverse("admin:reporting_grantagreementterms_change", args=[project.pk])
    data = {"project": project.pk} | TERMS | {"prefinancing_days_before_departure": 14}
    response = client.post(url, data)
    assert response.status_code == 302
    assert GrantAgreementTerms.objects.get().prefinancing_days_before_departure == 14
    signed.refresh_from_db()
    assert signed.status == Status.SUPERSEDED
    assert AgreementVersion.objects.get(number=2).status == Status.PREPARING
