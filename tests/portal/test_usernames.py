"""Usernames are compared as people read them (NFKC, case-folded) at sign-in, by the
throttle and when a user is made: a look-alike of a locked username is locked too, and a
new username that looks like an existing one is refused."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from core.usernames import normalise_username, user_for_sign_in
from tests import factories

pytestmark = pytest.mark.django_db

RIGHT = "secret-pass-123"


def sign_in(client, username, password=RIGHT, address="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


@pytest.fixture
def superuser_client(client):
    root = get_user_model().objects.create_superuser("root", "root@example.com", RIGHT)
    client.force_login(root)
    return client


def test_usernames_are_normalised_for_width_and_case():
    assert normalise_username(" ｂfuser ") == "bfuser"
    assert normalise_username("Evelina@Example.LV") == "evelina@example.lv"
    assert normalise_username("STRASSE") == normalise_username("Straße")


def test_a_full_width_look_alike_waits_while_the_username_is_locked(client):
    factories.user(username="bfuser")
    for _ in range(6):
        sign_in(client, "bfuser", "wrong")
    for look_alike in ("ｂfuser", "BFUSER", "ＢＦＵＳＥＲ"):
        response = sign_in(client, look_alike, address="10.0.0.2")
        assert response.status_code == 200, look_alike
        assert "Too many failed sign-ins" in response.content.decode(), look_alike


def test_failures_of_look_alikes_count_for_the_same_username(client):
    factories.user(username="bfuser")
    for look_alike in ("bfuser", "ｂfuser", "BFuser", "bfuseR", "ｂｆｕｓｅｒ", "Bfuser"):
        sign_in(client, look_alike, "wrong")
    assert "Too many failed sign-ins" in sign_in(client, "bfuser").content.decode()


def test_an_e_mail_username_signs_in_in_any_case(client):
    factories.user(username="evelina@example.lv")
    assert sign_in(client, "Evelina@Example.LV").status_code == 302


def test_a_username_made_before_normalisation_signs_in_in_any_case(client):
    factories.user(username="Kristaps.Admin")
    assert sign_in(client, "kristaps.admin").status_code == 302


def test_older_look_alike_usernames_are_told_apart_by_their_exact_spelling():
    anna, other = factories.user(username="Anna"), factories.user(username="anna")
    assert user_for_sign_in("Anna") == anna
    assert user_for_sign_in("anna") == other
    assert user_for_sign_in("ANNA") is None


def add_user(client, username):
    return client.post(
        reverse("admin:auth_user_add"),
        {
            "username": username,
            "usable_password": "true",
            "password1": "zils-kalns-ziema-42",
            "password2": "zils-kalns-ziema-42",
        },
    )


def test_the_admin_stores_a_new_username_normalised(superuser_client):
    assert add_user(superuser_client, "Dace.Ｏzola").status_code == 302
    assert get_user_model().objects.filter(username="dace.ozola").exists()


@pytest.mark.parametrize("look_alike", ["ALICE", "ａｌｉｃｅ", " Alice "])
def test_the_admin_refuses_a_username_that_looks_like_another(superuser_client, look_alike):
    factories.user(username="alice")
    response = add_user(superuser_client, look_alike)
    assert response.status_code == 200
    assert "or one that looks the same, exists." in response.content.decode()
    assert get_user_model().objects.count() == 2


def test_the_admin_refuses_renaming_a_user_to_a_look_alike(superuser_client):
    factories.user(username="alice")
    bob = factories.user(username="bob")
    page = superuser_client.get(reverse("admin:auth_user_change", args=[bob.pk]))
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key not in ("groups", "user_permissions", "password")
    }
    data |= {"username": "Ａlice", "date_joined_0": "2026-01-01", "date_joined_1": "10:00"}
    response = superuser_client.post(reverse("admin:auth_user_change", args=[bob.pk]), data)
    assert response.status_code == 200
    assert "or one that looks the same, exists." in response.content.decode()
    bob.refresh_from_db()
    assert bob.username == "bob"


def test_an_invitation_opens_an_account_under_the_normalised_address(client, alice, adult_mobility):
    participant = adult_mobility.participant
    participant.email = "Marta.Berzina@Example.LV"
    participant.save()
    factories.user(username="marta.berzina@example.lv")  # someone has it already
    client.force_login(alice)
    client.post(reverse("portal:portal_invite", args=[adult_mobility.pk]), {"role": "participant"})
    client.logout()
    link = re.search(r"http://testserver(/portal/invitation/\S+/)", mail.outbox[-1].body)[1]
    opened = client.get(link)
    password = {"new_password1": "zils-kalns-ziema-42", "new_password2": "zils-kalns-ziema-42"}
    client.post(opened["Location"], password)
    assert participant.portal_accounts.get().user.username == "marta.berzina@example.lv-2"
