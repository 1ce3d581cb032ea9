"""A learner signs their grant agreement on a phone: a 375 px wide headless Chromium,
from the sign-in to the recorded signature with a drawn signature."""

from datetime import date

import pytest

from reporting.models import SignatureEvent
from tests import factories
from tests.portal.helpers import open_agreement, portal_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
def marta(adult_mobility):
    return portal_user(adult_mobility.participant, username="marta")


@pytest.fixture
def alice(alice):
    alice.first_name, alice.last_name = "Alise", "Kalēja"
    alice.save()
    return alice


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_learner_signs_on_a_phone(page_for, live_server, alice, marta, adult_mobility):
    agreement = open_agreement(adult_mobility, alice)
    page = page_for(marta, width=375, height=740, landing="/portal/")
    assert fits(page)
    page.get_by_role("link", name="Read and sign").first.click()
    page.wait_for_url(f"{live_server.url}/portal/agreements/{agreement.pk}/")
    assert fits(page)
    assert page.locator("#read-agreement").is_visible()
    assert not page.locator("iframe.agreement-frame").is_visible()  # too narrow: a link

    page.check("#id_consent")
    page.fill("#id_typed_name", "Marta Berzina")
    canvas = page.locator("#signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 100)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 22, box["y"] + 100 - (step % 3) * 25)
    page.mouse.up()
    page.click("#sign-button")

    page.wait_for_selector("text=Thank you: your signature was recorded.")
    assert fits(page)
    event = SignatureEvent.objects.get()
    assert (event.signer, event.role, event.typed_name) == (marta, "participant", "Marta Berzina")
    assert event.drawn_signature.startswith("data:image/png;base64,")
    assert "Chrome" in event.user_agent
    assert page.locator('[data-signed-as="participant"]').is_visible()


def test_the_portal_pages_fit_a_phone(page_for, live_server, alice, marta, adult_mobility):
    open_agreement(adult_mobility, alice)
    page = page_for(marta, width=375, height=740, landing="/portal/")
    for path in ("/portal/", f"/portal/mobilities/{adult_mobility.pk}/", "/portal/password/"):
        page.goto(f"{live_server.url}{path}")
        assert fits(page), path
