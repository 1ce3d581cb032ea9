"""Sending an agreement for signing refuses one whose parties are incomplete, naming
everything missing, and warns while the mobility is only planned; only the
representative the agreement names countersigns it."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from mobilities.services import mobility_update
from reporting import share, signing
from reporting.models import AgreementVersion, GrantAgreementTerms
from tests import factories

from .helpers import countersign, open_agreement, sign_in_portal

pytestmark = pytest.mark.django_db


def send(client, mobility, **headers):
    response = client.post(
        reverse("signing:agreement_send", args=[mobility.pk]), {"language": "en"}, **headers
    )
    assert response.status_code == 302
    return {(m.level_tag, m.message) for m in get_messages(response.wsgi_request)}


@pytest.fixture
def bare_mobility(project, host, school):
    """A learner without personal code, address or bank account; no representative."""
    GrantAgreementTerms.objects.filter(project=project).delete()
    learner = factories.learner(school, first_name="Ilze", last_name="Kalna")
    return factories.mobility(project, participant=learner, host=host)


def test_sending_names_everything_the_parties_lack(client, alice, bare_mobility):
    client.force_login(alice)
    (level, message), *_ = send(client, bare_mobility)
    assert level == "error"
    assert message == (
        "The agreement cannot be sent for signing: it lacks the participant's personal "
        "code; the participant's address; the participant's bank account (IBAN), where "
        "the grant is paid; the organisation's representative (in the grant agreement "
        "terms of the project)."
    )
    assert not AgreementVersion.objects.exists()


def test_sending_names_what_is_missing_in_latvian(client, alice, bare_mobility):
    client.force_login(alice)
    (level, message), *_ = send(client, bare_mobility, HTTP_ACCEPT_LANGUAGE="lv")
    assert level == "error"
    assert message.startswith("Līgumu nevar nosūtīt parakstīšanai, jo nav norādīts: ")
    for item in (
        "dalībnieka personas kods",
        "dalībnieka adrese",
        "dalībnieka bankas konts (IBAN)",
        "organizācijas pārstāvis",
    ):
        assert item in message


def test_only_what_is_missing_is_named(client, alice, project, bare_mobility):
    factories.agreement_terms(project)
    participant = bare_mobility.participant
    participant.national_id = factories.identity(participant.date_of_birth)["national_id"]
    participant.save()
    with pytest.raises(ValidationError) as refused:
        signing.agreement_send(mobility=bare_mobility, language="en")
    message = refused.value.messages[0]
    assert "address" in message and "bank account (IBAN)" in message
    assert "personal code" not in message and "representative" not in message


def test_no_bank_account_is_asked_for_when_nothing_is_paid(project, bare_mobility):
    factories.agreement_terms(project)
    participant = bare_mobility.participant
    participant.national_id = factories.identity(participant.date_of_birth)["national_id"]
    participant.address = "Rīgas iela 1, Cēsis, LV-4101"
    participant.save()
    share.grant_handling_update(
        project=project,
        mobility=bare_mobility,
        rules={"travel": ("in_kind", "Tickets"), "individual_support": ("in_kind", "Lodging")},
    )
    version = signing.agreement_send(mobility=bare_mobility, language="en")
    assert version.status == AgreementVersion.Status.PREPARING


def test_sending_a_planned_mobility_warns_and_sends(client, alice, adult_mobility):
    client.force_login(alice)
    sent = send(client, adult_mobility)
    assert (
        "warning",
        "The mobility is still only planned: make sure it is approved before the "
        "participant signs.",
    ) in sent
    assert adult_mobility.agreement_versions.count() == 1


def test_the_warning_is_in_latvian(client, alice, adult_mobility):
    client.force_login(alice)
    sent = send(client, adult_mobility, HTTP_ACCEPT_LANGUAGE="lv")
    assert any(level == "warning" and "tikai plānota" in text for level, text in sent)


def test_an_approved_mobility_is_sent_without_warning(client, alice, adult_mobility):
    mobility_update(mobility=adult_mobility, data={"status": "approved"})
    client.force_login(alice)
    assert {level for level, _text in send(client, adult_mobility)} == {"success"}


# Countersigning


@pytest.fixture
def ready(client, adult_mobility, alice, marta):
    """Marta's agreement signed by her, waiting for the organisation."""
    agreement = open_agreement(adult_mobility, alice)
    client.force_login(marta)
    assert sign_in_portal(client, agreement, "Marta Bērziņa").status_code == 302
    return agreement


def test_another_coordinator_cannot_countersign_and_is_told_who_must(client, school, ready):
    other = factories.member(school, username="andris", first_name="Andris", last_name="Kalns")
    client.force_login(other)
    page = client.get(reverse("signing:agreement_countersign", args=[ready.pk])).content.decode()
    assert "names Alise Kalēja as the organisation&#x27;s representative: only they" in page
    response = countersign(client, ready, "Andris Kalns")
    assert response.status_code == 400
    assert not ready.signatures.filter(role="organisation").exists()


def test_another_coordinator_typing_the_representatives_name_is_refused(client, school, ready):
    other = factories.member(school, username="andris", first_name="Andris", last_name="Kalns")
    client.force_login(other)
    assert countersign(client, ready, "Alise Kalēja").status_code == 400
    assert not ready.signatures.filter(role="organisation").exists()


def test_the_representative_countersigns(client, alice, ready):
    client.force_login(alice)
    assert countersign(client, ready, "Alise Kalēja").status_code == 302
    assert ready.signatures.filter(role="organisation").exists()


def test_an_agreement_naming_no_representative_is_not_countersigned(client, alice, ready):
    # Frozen before the representative was required.
    AgreementVersion.objects.filter(pk=ready.pk).update(representative_name="")
    client.force_login(alice)
    page = client.get(reverse("signing:agreement_countersign", args=[ready.pk])).content.decode()
    assert "The agreement names no representative of the organisation" in page
    assert countersign(client, ready, "Alise Kalēja").status_code == 400
    assert not ready.signatures.filter(role="organisation").exists()


def test_the_countersign_page_says_who_must_sign_in_latvian(client, school, ready):
    other = factories.member(school, username="andris", first_name="Andris", last_name="Kalns")
    client.force_login(other)
    page = client.get(
        reverse("signing:agreement_countersign", args=[ready.pk]), HTTP_ACCEPT_LANGUAGE="lv"
    ).content.decode()
    assert "Līgumā kā organizācijas pārstāvis norādīts Alise Kalēja" in page


def test_the_frozen_agreement_names_the_parties(ready):
    assert "Alise Kalēja" in ready.frozen_text_html
    assert ready.mobility.participant.national_id in ready.frozen_text_html


def test_the_signing_tab_says_what_is_missing_before_send_is_pressed(
    client, alice, bob, bare_mobility
):
    client.force_login(alice)
    page = client.get(
        reverse("reporting:mobility_documents", args=[bare_mobility.pk])
    ).content.decode()
    warning = page[page.index('id="agreement-missing"') :].split("</div>")[0]
    assert "Before the agreement can be sent for signing, enter:" in warning
    for item in ("personal code", "address", "bank account (IBAN)", "representative"):
        assert item in warning
    client.force_login(bob)  # a viewer sends nothing, and is told nothing to enter
    page = client.get(
        reverse("reporting:mobility_documents", args=[bare_mobility.pk])
    ).content.decode()
    assert 'id="agreement-missing"' not in page


def test_the_signing_tab_asks_nothing_of_complete_parties(client, alice, adult_mobility):
    client.force_login(alice)
    page = client.get(
        reverse("reporting:mobility_documents", args=[adult_mobility.pk])
    ).content.decode()
    assert 'id="agreement-missing"' not in page
