"""Forgotten passwords: every user asks for a link by e-mail (through a real SMTP server
here), in their own language; an address finds a user by the e-mail field or an e-mail
username, in any case; the answer never says whether an account exists, and requests are
throttled like sign-ins."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from participants.models import PortalAccount
from reporting.signing.sign_in import AUTH_METHOD_SESSION_KEY
from tests import factories

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "jauna-vasara-kalnos-77"


def ask(client, email, address="10.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def set_new_password(client, link, password=NEW_PASSWORD):
    opened = client.get(link)
    assert opened.status_code == 302
    assert "/set-password/" in opened["Location"]
    return client.post(opened["Location"], {"new_password1": password, "new_password2": password})


def test_the_sign_in_page_offers_the_password_reset(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}"' in page


def test_a_portal_user_resets_the_password_by_e_mail_in_their_language(client, smtp_inbox, marta):
    response = ask(client, "MARTA@Example.LV")  # any case
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    message = smtp_inbox.wait_for(1)
    assert message["To"] == "marta@example.lv"
    assert message["Subject"] == "Jauna parole Erasmus+ portālam"  # the account's language
    link = smtp_inbox.link_in(message, "/accounts/password/reset/")
    response = set_new_password(client, link.replace("http://testserver", ""))
    assert response.status_code == 302 and response["Location"] == reverse("portal:portal_home")
    assert client.session[SESSION_KEY] == str(marta.pk)
    assert client.session[AUTH_METHOD_SESSION_KEY] == "password_reset_link"
    marta.refresh_from_db()
    assert marta.check_password(NEW_PASSWORD)


def test_a_coordinator_is_found_by_the_e_mail_field_and_written_to_in_the_pages_language(
    client, smtp_inbox, alice
):
    alice.email = "Alise.Kaleja@Skola.lv"
    alice.save()
    ask(client, "alise.kaleja@skola.LV")
    message = smtp_inbox.wait_for(1)
    assert message["To"] == "Alise.Kaleja@Skola.lv"
    assert message["Subject"] == "A new password for the Erasmus+ portal"
    assert "account alice." in message.get_content()
    link = smtp_inbox.link_in(message, "/accounts/password/reset/")
    response = set_new_password(client, link.replace("http://testserver", ""))
    assert response["Location"] == reverse("projects:home")


def test_a_user_whose_username_is_the_e_mail_is_found(client, smtp_inbox):
    factories.user(username="dace@example.lv")  # no e-mail field
    ask(client, "Dace@Example.lv")
    assert smtp_inbox.wait_for(1)["To"] == "dace@example.lv"


def test_the_answer_is_the_same_whether_or_not_the_address_is_known(client, marta):
    known = ask(client, "marta@example.lv", address="10.0.0.1")
    unknown = ask(client, "nobody@example.lv", address="10.0.0.2")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert len(mail.outbox) == 1
    page = client.get(reverse("password_reset_done")).content.decode()
    assert "If an account has this e-mail address" in page


def test_requests_for_one_address_are_throttled_known_or_not(client, marta):
    for email in ("marta@example.lv", "nobody@example.lv"):
        for n in range(3):
            assert ask(client, email, address=f"10.0.1.{n}").status_code == 302
        refused = ask(client, email.upper(), address="10.0.2.1")
        assert refused.status_code == 200
        assert "Too many requests for a new password. Try again in 30 seconds." in (
            refused.content.decode()
        )
    assert len(mail.outbox) == 3


def test_requests_from_one_client_address_are_throttled(client, marta):
    for n in range(20):
        ask(client, f"someone{n}@example.lv", address="192.0.2.9")
    assert ask(client, "marta@example.lv", address="192.0.2.9").status_code == 200
    assert not mail.outbox
    assert ask(client, "marta@example.lv", address="192.0.2.10").status_code == 302


def test_a_reset_link_works_once(client, marta):
    ask(client, "marta@example.lv")
    link = mail.outbox[0].body.split("http://testserver", 1)[1].split()[0]
    set_new_password(client, link)
    client.logout()
    page = client.get(link, follow=True)
    assert "This link no longer works" in page.content.decode()


def test_inactive_users_and_users_without_a_password_get_no_link(client):
    factories.user(username="gone@example.lv", is_active=False)
    nopass = factories.user(username="nopass@example.lv")
    nopass.set_unusable_password()
    nopass.save()
    ask(client, "gone@example.lv")
    ask(client, "nopass@example.lv")
    assert not mail.outbox


def test_a_portal_users_language_is_the_one_they_last_signed_in_with(client, marta):
    client.post(
        reverse("login"),
        {"username": "marta", "password": "secret-pass-123"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert PortalAccount.objects.get(user=marta).language == "en"
    client.logout()
    ask(client, "marta@example.lv")
    assert mail.outbox[0].subject == "A new password for the Erasmus+ portal"
