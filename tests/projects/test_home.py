import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, alice, project, mobility):
    factories.awarded(project, "travel", "1234.50")
    client.force_login(alice)
    return client


def test_the_home_page_shows_key_figures_in_english(signed_in, project):
    page = signed_in.get(reverse("projects:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your projects" in page
    assert project.grant_agreement_number in page
    assert 'data-figure="mobilities">1<' in page
    assert "1,234.50\xa0EUR" in page


def test_the_home_page_speaks_latvian(signed_in):
    page = signed_in.get(reverse("projects:home"), HTTP_ACCEPT_LANGUAGE="lv").content.decode()
    assert "Jūsu projekti" in page
    assert "1\xa0234,50\xa0EUR" in page
    assert 'lang="lv"' in page


def test_the_language_switcher_remembers_the_choice(signed_in):
    signed_in.post(reverse("set_language"), {"language": "lv", "next": "/"})
    page = signed_in.get(reverse("projects:home")).content.decode()
    assert "Jūsu projekti" in page


def test_the_home_page_needs_a_sign_in(client):
    response = client.get(reverse("projects:home"))
    assert response.status_code == 302


def test_sign_in_and_out(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "secret-pass-123"}, follow=True
    )
    assert response.context["user"].is_authenticated
    response = client.post(reverse("logout"), follow=True)
    assert not response.context["user"].is_authenticated


def test_password_change(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "secret-pass-123",
            "new_password1": "a-new-long-pass-42",
            "new_password2": "a-new-long-pass-42",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("a-new-long-pass-42")
