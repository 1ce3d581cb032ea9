"""A learner accepts the invitation on a phone, in Latvian: from the link in the e-mail to
the password, the portal's home and the signed agreement, in a 375 px wide Chromium. The
token never appears in the address of a page that posts a form, nor in a Referer."""

import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from portal.services import portal_invite
from reporting.models import SignatureEvent
from tests import factories
from tests.portal.helpers import open_agreement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "zils-kalns-ziema-42"


@pytest.fixture
def adult_mobility(project, host):
    learner = factories.learner(
        project.organisation,
        first_name="Marta",
        last_name="Bērziņa",
        date_of_birth=date(2005, 5, 30),
        email="marta@example.lv",
    )
    return factories.mobility(project, participant=learner, host=host)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="lv-LV")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def latvian(message: str) -> str:
    with translation.override("lv"):
        return translation.gettext(message)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 375


def invitation_link(live_server, mobility, coordinator) -> str:
    portal_invite(
        participant=mobility.participant,
        role="participant",
        invited_by=coordinator,
        absolute=lambda path: live_server.url + path,
    )
    (message,) = mail.outbox
    return re.search(r"http://\S+/portal/invitation/\S+/", message.body).group(0)


def test_a_learner_accepts_the_invitation_and_signs_on_a_phone_in_latvian(
    phone, live_server, alice, adult_mobility
):
    agreement = open_agreement(adult_mobility, alice, language="lv")
    link = invitation_link(live_server, adult_mobility, alice)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    posts = []
    phone.on("request", lambda request: posts.append(request) if request.method == "POST" else None)

    phone.goto(link)
    phone.wait_for_url(live_server.url + reverse("portal:portal_invitation_password"))
    assert token not in phone.url
    assert fits(phone)
    assert phone.locator("#portal-username").inner_text() == "marta@example.lv"
    phone.fill("#id_new_password1", PASSWORD)
    phone.fill("#id_new_password2", PASSWORD)
    phone.get_by_role("button", name=latvian("Set the password and continue")).click()
    # A refused CSRF check (Origin: null under "no-referrer") would stop here with a 403.
    phone.wait_for_url(live_server.url + reverse("portal:portal_home"))
    assert fits(phone)

    phone.get_by_role("link", name=latvian("Read and sign")).first.click()
    phone.wait_for_url(f"{live_server.url}/portal/agreements/{agreement.pk}/")
    assert fits(phone)
    phone.check("#id_consent")
    phone.fill("#id_typed_name", "Marta Bērziņa")
    with phone.expect_navigation():
        phone.click("#sign-button")

    event = SignatureEvent.objects.get()
    assert (event.signer.username, event.role) == ("marta@example.lv", "participant")
    assert event.auth_method == "invitation_link"
    assert len(posts) == 2  # the password, the signature
    for request in posts:
        assert token not in request.url
        assert token not in (request.headers.get("referer") or "")
        assert request.headers.get("origin") == live_server.url
