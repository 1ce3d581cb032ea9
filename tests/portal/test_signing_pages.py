"""What the signing page tells each signer: the agreement's own text (readable on a phone),
what happened after they signed and what comes next, and for a replaced version why, in
the reader's language, with the way to the new one."""

from datetime import date

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import translation

from mobilities.services import mobility_update
from reporting.models import AgreementVersion, SupersededBecause

from .helpers import open_agreement, render_and_freeze, sign_data, sign_in_portal

pytestmark = pytest.mark.django_db

migration = __import__(
    "reporting.migrations.0003_agreement_text_and_superseded_code", fromlist=["REASON_CODES"]
)


def page_of(client, agreement, **headers) -> str:
    return client.get(
        reverse("portal:portal_agreement", args=[agreement.pk]), **headers
    ).content.decode()


def test_the_page_shows_the_agreements_text_in_its_language(client, alice, marta, adult_mobility):
    agreement = open_agreement(adult_mobility, alice, language="lv")
    client.force_login(marta)

    page = page_of(client, agreement, HTTP_ACCEPT_LANGUAGE="en")

    assert 'id="agreement-text"' in page and 'lang="lv"' in page
    for text in ("Līdzēji", "Finansiālais atbalsts", "Maksājumu grafiks", "Dalībnieka pienākumi"):
        assert text in page, text
    assert adult_mobility.host.name in page
    assert "on this page or as its PDF" in page  # the consent, in the reader's language


def test_after_signing_an_adult_is_told_the_school_countersigns_next(
    client, alice, marta, adult_mobility
):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)

    response = sign_in_portal(client, agreement, "Marta Bērziņa")
    page = client.get(response.url).content.decode()

    assert "Thank you: your signature was recorded." in page
    assert "You signed this agreement on" in page
    assert "Next, the school countersigns." in page
    assert "Waiting for: Sending organisation" in page
    assert "Not your turn" not in page and 'id="sign-form"' not in page


def test_after_signing_a_minor_is_told_the_guardian_signs_next(
    client, alice, zanete, girts, minor_mobility
):
    agreement = open_agreement(minor_mobility, alice)
    client.force_login(zanete)
    sign_in_portal(client, agreement, "Žanete Ķēniņa")

    page = page_of(client, agreement)

    assert "parent or guardian (Ģirts Ķēniņš) signs, in their own portal account" in page
    assert "Waiting for: Guardian" in page
    client.force_login(girts)
    assert 'id="sign-form"' in page_of(client, agreement)


def test_a_replaced_version_says_why_in_the_readers_language_and_leads_to_the_new_one(
    client, alice, marta, adult_mobility
):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    with translation.override("en"):  # the coordinator works in English
        mobility_update(mobility=adult_mobility, data={"end_date": date(2026, 9, 30)})
    new = AgreementVersion.objects.get(mobility=adult_mobility, number=2)
    render_and_freeze(new)

    page = page_of(client, agreement, HTTP_ACCEPT_LANGUAGE="lv")

    agreement.refresh_from_db()
    assert agreement.superseded_because == SupersededBecause.MOBILITY_CHANGED
    assert "Mobilitāte mainījās (datumi vai summas)." in page
    assert reverse("portal:portal_agreement", args=[new.pk]) in page
    assert 'id="superseded"' in page
    assert "Jūsu paraksts" in page  # their signature on it is kept but does not count


def test_signing_a_version_replaced_meanwhile_says_the_signature_was_not_recorded(
    client, alice, marta, adult_mobility
):
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    page_of(client, agreement)  # she opens the page...
    mobility_update(
        mobility=adult_mobility, data={"end_date": date(2026, 9, 30)}
    )  # ...and it changes

    response = client.post(
        reverse("portal:portal_agreement", args=[agreement.pk]),
        sign_data(agreement, "Marta Bērziņa"),
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Your signature was not recorded" in page and "version 2" in page
    assert not agreement.signatures.exists()


def test_the_old_reasons_become_codes_when_migrating(adult_mobility, alice):
    agreement = open_agreement(adult_mobility, alice)
    AgreementVersion.objects.filter(pk=agreement.pk).update(
        status="superseded",
        superseded_at=agreement.frozen_at,
        superseded_reason="Mobilitāte mainījās (datumi vai summas).",
    )

    migration.reasons_to_codes(django_apps, None)

    agreement.refresh_from_db()
    assert (agreement.superseded_because, agreement.superseded_reason) == ("mobility_changed", "")
