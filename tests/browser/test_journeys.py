"""The primary journeys, click by click in Chromium, in Latvian: the coordinator at 1366 px,
the participant and the guardian on phones (375 px).

From a new minor with fewer opportunities to the signed PDF: the coordinator adds the
learner and a mobility (watching the grant preview), sends the agreement for signing and
invites the learner and the guardian; each accepts the invitation, reads the agreement on
the phone and signs; the coordinator countersigns and downloads the signed agreement."""

import io
import re
from datetime import date

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect
from pypdf import PdfReader

from mobilities.models import Mobility
from participants.models import Participant
from reporting.models import AgreementVersion, SignatureEvent
from tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORDS = {"participant": "zils-kalns-ziema-42", "guardian": "zaļa-upe-vasara-17"}
CANVAS_IS_DRAWN = """() => {
  const canvas = document.getElementById("signature-canvas");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  return pixels.some((value, index) => index % 4 === 3 && value > 0);
}"""


def lv(message: str) -> str:
    with translation.override("lv"):
        return translation.gettext(message)


def fits(page, width: int) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def alice(alice):
    alice.first_name, alice.last_name = "Alise", "Kalēja"
    alice.save()
    return alice


@pytest.fixture
def phone(browser):
    contexts = []

    def open_phone():
        context = browser.new_context(viewport={"width": 375, "height": 740}, locale="lv-LV")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_phone
    for context in contexts:
        context.close()


def draw(page):
    canvas = page.locator("#signature-canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 90)
    page.mouse.down()
    for step in range(1, 10):
        page.mouse.move(box["x"] + 20 + step * 25, box["y"] + 90 - (step % 3) * 20)
    page.mouse.up()


def invitation_link(role: str) -> str:
    """The link of the last invitation e-mailed to the participant or the guardian."""
    sent = [m for m in mail.outbox if "/portal/invitation/" in m.body]
    address = {"participant": "elza@example.lv", "guardian": "ilze.krumina@example.lv"}[role]
    message = [m for m in sent if address in m.to][-1]
    return re.search(r"https?://\S+/portal/invitation/\S+/", message.body).group(0)


def accept_and_sign(page, link: str, role: str, name: str, *, first_a_wrong_name=False):
    page.goto(link)
    page.fill("#id_new_password1", PASSWORDS[role])
    page.fill("#id_new_password2", PASSWORDS[role])
    page.get_by_role("button", name=lv("Set the password and continue")).click()
    page.get_by_role("link", name=lv("Read and sign")).first.click()
    expect(page.locator("#agreement-text")).to_be_visible()  # the agreement itself, readable
    assert fits(page, 375)
    page.check("#id_consent")
    draw(page)
    if first_a_wrong_name:
        page.fill("#id_typed_name", "Kāds Cits")
        page.click("#sign-button")
        expect(page.locator("#sign-form .invalid-feedback, #sign-form .alert")).to_be_visible()
        # The drawing came back with the form, on the canvas: it is not silently lost.
        page.wait_for_function(CANVAS_IS_DRAWN)
        page.check("#id_consent")
    page.fill("#id_typed_name", name)
    page.click("#sign-button")
    expect(page.locator("#my-signature")).to_be_visible()
    assert fits(page, 375)


def test_a_minor_goes_from_planning_to_a_signed_agreement(
    page_for, phone, live_server, alice, project, host
):
    factories.agreement_terms(project)  # Alise signs for the school
    page = page_for(alice, width=1366, language="lv-LV")

    # The coordinator adds a minor with fewer opportunities, her personal code, address and
    # the bank account the grant is paid to...
    page.get_by_role("link", name=lv("Participants"), exact=True).first.click()
    page.get_by_role("link", name=lv("New participant")).click()
    page.select_option("#id_kind", "learner")
    page.fill("#id_first_name", "Elza")
    page.fill("#id_last_name", "Krūmiņa")
    page.fill("#id_date_of_birth", "05.05.2010.")
    page.fill("#id_email", "elza@example.lv")
    page.select_option("#id_gender", "female")
    page.fill("#id_national_id", "05051023214")
    page.fill("#id_address", "Rīgas iela 1, Cēsis, LV-4101")
    page.fill("#id_iban", "LV44 HABA 0551 0000 0000 1")
    page.fill("#id_vet_programme", "Dizains")
    page.fill("#id_qualification", "Interjera dizaina speciālists")
    page.fill("#id_eqf_level", "4")
    page.select_option("#id_learner_status", "enrolled")
    page.fill("#id_guardian_name", "Ilze Krūmiņa")
    page.fill("#id_guardian_email", "ilze.krumina@example.lv")
    page.check("#id_fewer_opportunities")
    page.check("input[name=fewer_opportunities_categories][value=economic]")
    page.get_by_role("button", name=lv("Save")).click()
    expect(page.get_by_role("heading", name="Elza Krūmiņa")).to_be_visible()
    learner = Participant.objects.get(last_name="Krūmiņa")
    assert learner.date_of_birth == date(2010, 5, 5) and learner.fewer_opportunities
    assert (learner.national_id, learner.iban) == ("050510-23214", "LV44HABA0551000000001")

    # ...and her mobility, watching the grant follow the form.
    page.goto(f"{live_server.url}/projects/{project.pk}/mobilities/new/")
    page.select_option("#id_participant", str(learner.pk))
    page.select_option("#id_activity_type", "learner_short_term")
    page.select_option("#id_host", str(host.pk))
    page.fill("#id_destination_city", "Valencia")
    page.select_option("#id_destination_country", "ES")
    page.fill("#id_start_date", "01.03.2027.")
    page.fill("#id_end_date", "28.03.2027.")
    page.locator("input[name=goals]").first.check()
    preview = page.locator("#grant-preview")
    expect(preview).to_contain_text(lv("Inclusion support"))  # fewer opportunities
    expect(page.locator("#preview-total")).to_contain_text("EUR")
    page.get_by_role("button", name=lv("Save")).click()
    mobility = Mobility.objects.get(participant=learner)
    assert (mobility.start_date, mobility.end_date) == (date(2027, 3, 1), date(2027, 3, 28))
    assert fits(page, 1366)

    # The agreement goes out for signing; the learner and the guardian are invited.
    page.locator("form[action$='/agreement/send/'] select[name=language]").select_option("lv")
    page.locator("form[action$='/agreement/send/'] button").click()
    agreement = AgreementVersion.objects.get(mobility=mobility)
    assert agreement.status == AgreementVersion.Status.OPEN
    for role in ("participant", "guardian"):
        page.locator(f"[data-portal-role={role}] form[action$='/portal/invite/'] button").click()
        # The message is where the page leads back to, not out of sight at the top.
        expect(page.locator("#portal [role=status]")).to_be_in_viewport()

    # The learner accepts on her phone, reads and signs; the guardian is next.
    learner_phone = phone()
    accept_and_sign(learner_phone, invitation_link("participant"), "participant", "Elza Krumina")
    expect(learner_phone.locator("#my-signature")).to_contain_text("Ilze Krūmiņa")

    # The guardian accepts, mistypes the name once (the drawing is kept), and signs.
    guardian_phone = phone()
    accept_and_sign(
        guardian_phone,
        invitation_link("guardian"),
        "guardian",
        "Ilze Krūmiņa",
        first_a_wrong_name=True,
    )
    guardian = SignatureEvent.objects.get(role="guardian")
    assert guardian.drawn_signature.startswith("data:image/png;base64,")

    # The school countersigns and downloads the signed agreement.
    page.goto(f"{live_server.url}/mobilities/{mobility.pk}/")
    page.locator(f"a[href='/agreements/{agreement.pk}/countersign/']").click()
    page.check("#id_consent")
    page.fill("#id_typed_name", "Alise Kalēja")
    page.click("#sign-button")
    agreement.refresh_from_db()
    assert agreement.status == AgreementVersion.Status.SIGNED
    page.goto(f"{live_server.url}/mobilities/{mobility.pk}/")
    with page.expect_download() as download:
        page.locator(f"a[href='/agreements/{agreement.pk}/signed.pdf']").first.click()
    signed = download.value.path().read_bytes()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(signed)).pages)
    for name in ("Elza Krumina", "Ilze Krūmiņa", "Alise Kalēja"):
        assert name in text, name
    assert signed.startswith(agreement.frozen_file.open("rb").read()[:1024])


def test_a_coordinator_imports_participants_from_a_latvian_csv(page_for, live_server, alice):
    csv = (
        "Veids;Vārds;Uzvārds;Dzimšanas datums;E-pasts;PIA programma;Kvalifikācija;"
        "EKI līmenis;Audzēkņa statuss;Amats\n"
        "learner;Anna;Ozola;12.02.2007;anna.ozola@example.lv;Viesmīlība;Viesmīlības "
        "pakalpojumu speciālists;4;enrolled;\n"
        "staff;Jānis;Liepiņš;03.11.1980;janis.liepins@example.lv;;;;;Kokapstrādes skolotājs\n"
    ).encode("cp1257")
    page = page_for(alice, width=1366, language="lv-LV")

    page.goto(f"{live_server.url}/participants/import/")
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "dalibnieki.csv", "mimeType": "text/csv", "buffer": csv}],
    )
    page.get_by_role("button", name=lv("Upload and preview")).click()
    expect(page.locator("table")).to_contain_text("Ozola")
    assert not Participant.objects.exists()  # only a preview so far
    page.get_by_role("button", name=lv("Confirm the import")).click()

    expect(page.get_by_role("heading", name=lv("Import finished"))).to_be_visible()
    names = set(Participant.objects.values_list("first_name", "last_name", "date_of_birth"))
    assert names == {("Anna", "Ozola", date(2007, 2, 12)), ("Jānis", "Liepiņš", date(1980, 11, 3))}
