"""Invitations: e-mailed, single-use, time-limited links that set a portal password; a
newer invitation revokes the older ones; only the token's hash is stored."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participants.models import PortalAccount, PortalInvitation
from portal.views import INVITATION_SESSION_KEY
from reporting.models import SignatureEvent

from .helpers import open_agreement, sign_in_portal

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "zils-kalns-ziema-42"


def invite(client, mobility, role="participant"):
    return client.post(reverse("portal:portal_invite", args=[mobility.pk]), {"role": role})


def link_in(message) -> str:
    return re.search(r"http://testserver(/portal/invitation/\S+/)", message.body).group(1)


def set_password(client, link, password=NEW_PASSWORD):
    """Open the e-mailed link, then post the password where it leads (a URL without the
    token); the link's own answer when it leads nowhere."""
    opened = client.get(link)
    if opened.status_code != 302:
        return opened
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


@pytest.fixture
def invited(client, alice, adult_mobility):
    client.force_login(alice)
    invite(client, adult_mobility)
    client.logout()
    return link_in(mail.outbox[-1])


def test_the_coordinator_invites_the_participant_by_e_mail(client, alice, adult_mobility):
    client.force_login(alice)
    response = invite(client, adult_mobility)
    assert response.status_code == 302
    assert response["Location"].endswith("#portal")
    (message,) = mail.outbox
    assert message.to == ["marta@example.lv"]
    assert "Invitation to the Erasmus+ participant portal" in message.subject
    token = link_in(message).rstrip("/").rsplit("/", 1)[-1]
    invitation = PortalInvitation.objects.get()
    assert invitation.token_hash != token and token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    assert invitation.invited_by == alice
    page = client.get(
        reverse("mobilities:mobility_detail", args=[adult_mobility.pk])
    ).content.decode()
    assert 'data-invitation="pending"' in page


def test_the_link_keeps_its_token_in_the_session_and_leads_to_a_url_without_it(client, invited):
    token = invited.rstrip("/").rsplit("/", 1)[-1]
    opened = client.get(invited)
    assert opened.status_code == 302
    assert opened["Location"] == reverse("portal:portal_invitation_password")
    assert token not in opened["Location"]
    assert opened["Referrer-Policy"] == "no-referrer"  # this URL holds the token
    assert opened["Cache-Control"] == "private, no-store"
    assert client.session[INVITATION_SESSION_KEY] == token


def test_the_password_form_is_posted_from_a_page_that_lets_the_browser_send_its_origin(
    client, invited
):
    # With "no-referrer" Chromium posts "Origin: null" and the CSRF check refuses the form.
    token = invited.rstrip("/").rsplit("/", 1)[-1]
    page = client.get(client.get(invited)["Location"])
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin"
    assert page["Cache-Control"] == "private, no-store"
    html = page.content.decode()
    assert token not in html
    assert f'action="{reverse("portal:portal_invitation_password")}"' in html


def test_the_form_is_never_posted_to_the_link_itself(client, invited):
    password = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    assert client.post(invited, password).status_code == 405
    assert not PortalAccount.objects.exists()


def test_the_password_page_without_an_opened_link_says_the_link_no_longer_works(client):
    assert client.get(reverse("portal:portal_invitation_password")).status_code == 410


def test_the_link_sets_a_password_and_signs_the_participant_in(client, invited, adult_mobility):
    page = client.get(invited, follow=True)
    assert page.status_code == 200
    assert "marta@example.lv" in page.content.decode()  # the username to remember
    response = set_password(client, invited)
    assert response.status_code == 302 and response["Location"] == reverse("portal:portal_home")
    user = get_user_model().objects.get(username="marta@example.lv")
    assert user.check_password(NEW_PASSWORD)
    assert INVITATION_SESSION_KEY not in client.session
    assert not user.memberships.exists()
    account = PortalAccount.objects.get(user=user)
    assert (account.participant, account.role) == (adult_mobility.participant, "participant")
    assert client.get(reverse("portal:portal_home")).status_code == 200


def test_a_signature_after_the_link_records_how_the_signer_signed_in(
    client, alice, invited, adult_mobility
):
    agreement = open_agreement(adult_mobility, alice)
    set_password(client, invited)
    sign_in_portal(client, agreement, "Marta Bērziņa")
    assert SignatureEvent.objects.get().auth_method == "invitation_link"


def test_the_link_works_once(client, invited):
    set_password(client, invited)
    client.logout()
    gone = client.get(invited)
    assert gone.status_code == 410
    assert f'href="{reverse("password_reset")}"' in gone.content.decode()  # the way back in
    assert set_password(client, invited, "cits-parole-77-x").status_code == 410
    user = get_user_model().objects.get(username="marta@example.lv")
    assert user.check_password(NEW_PASSWORD)


def test_the_link_expires(client, invited):
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=8)):
        assert client.get(invited).status_code == 410
        assert set_password(client, invited).status_code == 410
    assert not PortalAccount.objects.exists()


def test_a_new_invitation_revokes_the_older_one(client, alice, adult_mobility, invited):
    client.force_login(alice)
    invite(client, adult_mobility)
    client.logout()
    assert client.get(invited).status_code == 410
    assert client.get(link_in(mail.outbox[-1])).status_code == 302
    assert PortalInvitation.objects.filter(revoked_at__isnull=False).count() == 1


def test_an_account_that_never_signed_in_gets_its_password_from_a_new_invitation(
    client, alice, adult_mobility, marta
):
    # Accounts made before they were invited (the demo's) have never signed in.
    client.force_login(alice)
    invite(client, adult_mobility)
    client.logout()
    set_password(client, link_in(mail.outbox[-1]), "jauna-parole-2027")
    assert PortalAccount.objects.count() == 1
    marta.refresh_from_db()
    assert marta.check_password("jauna-parole-2027")


def test_a_weak_password_is_refused(client, invited):
    response = set_password(client, invited, "12345")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not PortalAccount.objects.exists()


def test_the_guardian_is_invited_at_the_guardians_address(client, alice, minor_mobility):
    client.force_login(alice)
    invite(client, minor_mobility, "guardian")
    assert mail.outbox[-1].to == ["girts@example.lv"]
    client.logout()
    set_password(client, link_in(mail.outbox[-1]))
    account = PortalAccount.objects.get()
    assert account.role == "guardian"
    assert account.user.get_full_name() == "Ģirts Ķēniņš"


def test_a_participant_without_e_mail_cannot_be_invited(client, alice, adult_mobility):
    participant = adult_mobility.participant
    participant.email = ""
    participant.save()
    client.force_login(alice)
    page = client.post(
        reverse("portal:portal_invite", args=[adult_mobility.pk]),
        {"role": "participant"},
        follow=True,
    )
    assert "Add the participant&#x27;s e-mail address first." in page.content.decode()
    assert not mail.outbox and not PortalInvitation.objects.exists()


def test_an_invitation_that_cannot_be_sent_is_revoked(client, alice, adult_mobility):
    client.force_login(alice)
    with mock.patch("portal.services.send_mail", side_effect=ConnectionRefusedError("no SMTP")):
        page = invite(client, adult_mobility)
    assert page.status_code == 302
    assert PortalInvitation.objects.get().revoked_at is not None


def test_only_the_organisations_coordinators_invite(client, bob, charlie, adult_mobility):
    client.force_login(bob)
    assert invite(client, adult_mobility).status_code == 403
    client.force_login(charlie)
    assert invite(client, adult_mobility).status_code == 404
    assert not PortalInvitation.objects.exists()
