"""Failed sign-ins are slowed down, per username and per client address, for everyone;
the message names the wait. Client addresses come from X-Forwarded-For only behind a
proxy the settings trust."""

from unittest import mock

import pytest
from django.test import RequestFactory
from django.urls import reverse

from participants.portal_auth import client_ip

pytestmark = pytest.mark.django_db

RIGHT = "secret-pass-123"


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def signed_in(response) -> bool:
    return response.status_code == 302


def test_five_failures_are_free_then_the_wait_is_named(client, marta):
    for _ in range(5):
        assert not signed_in(sign_in(client, "marta", "wrong"))
    assert signed_in(sign_in(client, "marta", RIGHT))  # the counter is reset by success
    client.logout()
    for _ in range(6):
        sign_in(client, "marta", "wrong")
    response = sign_in(client, "marta", RIGHT)  # even the right password waits
    assert not signed_in(response)
    assert "Too many failed sign-ins. Try again in 30 seconds." in response.content.decode()


def test_the_wait_doubles_and_ends(client, alice):
    clock = "participants.portal_auth.time.time"
    with mock.patch(clock, return_value=1_000_000.0):
        for _ in range(6):
            sign_in(client, "alice", "wrong")
        assert "Try again in 30 seconds." in sign_in(client, "alice", RIGHT).content.decode()
    with mock.patch(clock, return_value=1_000_031.0):
        sign_in(client, "alice", "wrong")  # the 7th failure
        page = sign_in(client, "ALICE", RIGHT).content.decode()  # usernames: any case
        assert "Try again in 60 seconds." in page
    with mock.patch(clock, return_value=1_000_092.0):
        assert signed_in(sign_in(client, "alice", RIGHT))


def test_one_address_guessing_many_usernames_is_slowed_down(client, marta):
    for n in range(21):
        sign_in(client, f"guess{n}", "wrong", address="192.0.2.7")
    response = sign_in(client, "marta", RIGHT, address="192.0.2.7")
    assert "Too many failed sign-ins" in response.content.decode()
    assert signed_in(sign_in(client, "marta", RIGHT, address="192.0.2.8"))


def test_a_blank_password_does_not_reset_the_count(client, marta):
    for _ in range(6):
        sign_in(client, "marta", "wrong")
        sign_in(client, "marta", "")
    assert "Too many failed sign-ins" in sign_in(client, "marta", RIGHT).content.decode()


def test_the_admins_sign_in_is_slowed_down_too(client, alice):
    alice.is_staff = True
    alice.save()
    for _ in range(6):
        client.post("/admin/login/", {"username": "alice", "password": "wrong"})
    page = client.post("/admin/login/", {"username": "alice", "password": RIGHT})
    assert "Too many failed sign-ins" in page.content.decode()


def test_x_forwarded_for_counts_only_behind_a_trusted_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "10.0.0.2"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "203.0.113.9"
    request.META["HTTP_X_FORWARDED_FOR"] = "not an address"
    assert client_ip(request) == "0.0.0.0"
