"""Every error page is the portal's own, translated, and framed for whoever sees it:
participants and guardians get their portal's navigation, coordinators their projects,
visitors the sign-in."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.portal.helpers import portal_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.error_urls")]

COORDINATOR_NAV = 'href="/plans/"'


def latvian_client(user=None) -> Client:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="lv")
    if user is not None:
        client.force_login(user)
    return client


def page(response) -> str:
    return response.content.decode()


def portal_client(participant):
    client = latvian_client()
    user = portal_user(participant, username="marta")
    client.post(reverse("login"), {"username": user.username, "password": "secret-pass-123"})
    return client


def test_a_portal_user_gets_the_portals_frame_on_a_404(mobility):
    client = portal_client(mobility.participant)

    response = client.get("/portal/mobilities/999999/")

    assert response.status_code == 404
    assert "Nav atrasts" in page(response)
    assert COORDINATOR_NAV not in page(response)
    assert f'href="{reverse("portal:portal_home")}"' in page(response)


def test_a_coordinator_gets_the_workspace_on_a_404(alice):
    response = latvian_client(alice).get("/mobilities/999999/")

    assert response.status_code == 404
    assert COORDINATOR_NAV in page(response) and "Nav atrasts" in page(response)


def test_a_viewer_is_told_why_a_change_is_not_allowed(bob, mobility):
    response = latvian_client(bob).get(reverse("mobilities:mobility_edit", args=[mobility.pk]))

    assert response.status_code == 403
    assert "<title>Nav atļauts</title>" in page(response)


def test_a_failed_csrf_check_is_explained_in_the_readers_language(alice):
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="lv")
    client.force_login(alice)

    response = client.post(reverse("projects:project_create"), {})

    assert response.status_code == 403
    assert "Veidlapas derīgums ir beidzies" in page(response)
    assert "CSRF verification failed" not in page(response)  # Django's own page


def test_a_bad_request_and_a_server_error_have_pages_of_their_own(alice):
    client = latvian_client(alice)

    bad = client.get("/test-suspicious/")
    failed = client.get("/test-fails/")

    assert bad.status_code == 400 and "Pieprasījumu nevarēja nolasīt" in page(bad)
    assert failed.status_code == 500 and "Radās kļūda" in page(failed)
    assert "Traceback" not in page(failed)


def test_the_server_error_page_falls_back_to_plain_html_when_it_cannot_render(alice, monkeypatch):
    from erasmus_portal import errors

    monkeypatch.setattr(errors, "_frame", lambda request: 1 / 0)

    failed = latvian_client(alice).get("/test-fails/")

    assert failed.status_code == 500 and "Something went wrong" in page(failed)
