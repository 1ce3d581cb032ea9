"""Forgot password, in a real Chromium through a real SMTP server: from the sign-in page
to the e-mail, the new password and being signed in. A learner on a phone (375 px) in
Latvian, a coordinator on a laptop (1366 px) in English."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from tests import factories
from tests.portal.helpers import portal_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "jauna-vasara-kalnos-77"


@pytest.fixture
def context_for(browser):
    contexts = []

    def open_page(*, width, language):
        context = browser.new_context(viewport={"width": width, "height": 800}, locale=language)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def translated(message: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


def reset_password(page, live_server, smtp_inbox, typed_address, language):
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_role("link", name=translated("Forgot your password?", language)).click()
    page.fill("#id_email", typed_address)
    page.get_by_role("button", name=translated("Send the link", language)).click()
    page.wait_for_selector("#reset-sent")
    message = smtp_inbox.wait_for(1)
    page.goto(smtp_inbox.link_in(message, "/accounts/password/reset/"))
    assert "/set-password/" in page.url
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.get_by_role("button", name=translated("Set the password and sign in", language)).click()
    return message


def test_a_learner_resets_the_password_on_a_phone_in_latvian(
    context_for, live_server, smtp_inbox, project
):
    learner = factories.learner(
        project.organisation,
        first_name="Marta",
        last_name="Bērziņa",
        date_of_birth=date(2005, 5, 30),
        email="marta@example.lv",
    )
    marta = portal_user(learner, username="marta@example.lv")
    page = context_for(width=375, language="lv-LV")
    message = reset_password(page, live_server, smtp_inbox, "Marta@Example.LV", "lv")
    assert message["Subject"] == "Jauna parole Erasmus+ portālam"
    page.wait_for_url(f"{live_server.url}{reverse('portal:portal_home')}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    marta.refresh_from_db()
    assert marta.check_password(NEW_PASSWORD)


def test_a_coordinator_resets_the_password_on_a_laptop_in_english(
    context_for, live_server, smtp_inbox, alice
):
    alice.email = "alise.kaleja@skola.lv"
    alice.save()
    page = context_for(width=1366, language="en-GB")
    message = reset_password(page, live_server, smtp_inbox, "Alise.Kaleja@skola.lv", "en")
    assert message["Subject"] == "A new password for the Erasmus+ portal"
    page.wait_for_url(f"{live_server.url}{reverse('projects:home')}")
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)
