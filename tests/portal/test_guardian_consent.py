"""A minor's guardian confirms a statement in their own name, as the participant's legal
representative; the participant confirms their own."""

from html import unescape

import pytest
from django.urls import reverse

from reporting.models import SignatureEvent, SignerRole
from reporting.signing.consent import CURRENT_VERSION, consent_for

from .helpers import open_agreement, sign_data, sign_in_portal

pytestmark = pytest.mark.django_db


def agreement_page(client, agreement, language):
    url = reverse("portal:portal_agreement", args=[agreement.pk])
    return unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())


@pytest.fixture
def waiting_for_guardian(client, minor_mobility, alice, zanete):
    agreement = open_agreement(minor_mobility, alice)
    client.force_login(zanete)
    assert sign_in_portal(client, agreement, "Žanete Ķēniņa").status_code == 302
    return agreement


def test_the_guardian_reads_a_legal_representatives_statement_in_latvian(
    client, waiting_for_guardian, girts
):
    client.force_login(girts)
    page = agreement_page(client, waiting_for_guardian, "lv")
    assert (
        "Es, Ģirts Ķēniņš, kā nepilngadīgā dalībnieka Žanete Ķēniņa likumiskais pārstāvis, "
        "pilnībā izlasīju dotācijas līgumu"
    ) in page
    assert "Piekrītu, ka Žanete Ķēniņa piedalās mobilitātē" in page


def test_the_guardian_reads_a_legal_representatives_statement_in_english(
    client, waiting_for_guardian, girts
):
    client.force_login(girts)
    page = agreement_page(client, waiting_for_guardian, "en")
    assert (
        "I, Ģirts Ķēniņš, as the legal representative of Žanete Ķēniņa, a minor, have read"
    ) in page


def test_the_participant_still_confirms_her_own_statement(client, minor_mobility, alice, zanete):
    agreement = open_agreement(minor_mobility, alice)
    client.force_login(zanete)
    page = agreement_page(client, agreement, "lv")
    assert "Es pilnībā izlasīju dotācijas līgumu" in page
    assert "likumiskais pārstāvis" not in page.split('id="sign-form"')[1].split("</form>")[0]


def test_the_guardians_signature_records_the_statement_he_confirmed(
    client, waiting_for_guardian, girts
):
    client.force_login(girts)
    url = reverse("portal:portal_agreement", args=[waiting_for_guardian.pk])
    data = sign_data(waiting_for_guardian, "Ģirts Ķēniņš")
    assert client.post(url, data, HTTP_ACCEPT_LANGUAGE="lv").status_code == 302
    event = SignatureEvent.objects.get(role=SignerRole.GUARDIAN)
    confirmed = consent_for(waiting_for_guardian, SignerRole.GUARDIAN, "lv")
    assert (event.consent_version, event.consent_language) == (CURRENT_VERSION, "lv")
    assert event.consent_sha256 == confirmed.sha256
    assert confirmed.text.startswith(
        "Es, Ģirts Ķēniņš, kā nepilngadīgā dalībnieka Žanete Ķēniņa likumiskais pārstāvis,"
    )
