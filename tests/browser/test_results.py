"""A coordinator records a learner's results in Chromium (each unit assessed, the school's
recognition decision, in Latvian with dates as Latvian writes them), and the learner reads
them on a phone in the portal; a learner answers the questionnaire before departure on a
phone, and the coordinator reads the answers together, without names."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from reporting import services as reporting_services
from reporting.models import SECTION_LIMITS
from results.models import (
    OlsAssessment,
    Recognition,
    SurveyAnswer,
    SurveyResponse,
    UnitAssessment,
)
from tests import factories
from tests.portal.helpers import portal_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def back_home(project, host):
    """Marta's traineeship in Valencia, 1-28 September 2026, with two units."""
    learner = factories.learner(
        project.organisation,
        first_name="Marta",
        last_name="Bērziņa",
        date_of_birth=date(2005, 5, 30),
        email="marta@example.lv",
    )
    mobility = factories.mobility(project, participant=learner, host=host)
    units = [
        {"title": "Viesu apkalpošana", "outcomes": "Apkalpo viesus.", "ecvet_points": Decimal(3)},
        {"title": "Saziņa spāņu valodā", "outcomes": "Sazinās ar viesiem.", "ecvet_points": None},
    ]
    reporting_services.learning_outcome_units_replace(mobility=mobility, units=units)
    return mobility


def test_a_coordinator_records_the_results_and_the_learner_reads_them_on_a_phone(
    page_for, live_server, alice, back_home
):
    first, second = back_home.learning_agreement_details.units.order_by("position")
    page = page_for(alice, language="lv-LV")
    page.goto(f"{live_server.url}/mobilities/{back_home.pk}/")
    page.get_by_role("link", name="Mācīšanās rezultāti", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Marta Bērziņa")

    unit = page.locator(f"fieldset[data-unit='{first.pk}']")
    unit.get_by_label("Rezultāts").select_option("achieved")
    unit.get_by_label("Vērtēšanas metode").select_option("practical_task")
    unit.get_by_label("Vērtētājs").fill("Jordi Puig, mentors")
    unit.get_by_label("Vērtēšanas datums").fill("25.09.2026.")
    unit.get_by_label("Uzņemošās organizācijas mentora vērtējums").fill("Strādā rūpīgi un laipni.")
    # The second unit: a result without its method is refused, nothing saved.
    page.locator(f"fieldset[data-unit='{second.pk}']").get_by_label("Rezultāts").select_option(
        "partly"
    )
    page.get_by_role("button", name="Saglabāt vērtējumus").click()
    refused = page.locator(f"fieldset[data-unit='{second.pk}'] .invalid-feedback")
    expect(refused.first).to_be_visible()
    assert not UnitAssessment.objects.exists()
    page.locator(f"fieldset[data-unit='{second.pk}']").get_by_label("Rezultāts").select_option("")
    page.get_by_role("button", name="Saglabāt vērtējumus").click()
    expect(page.locator(".alert-success")).to_contain_text("Vērtējumi saglabāti")
    assert UnitAssessment.objects.get().assessed_on == date(2026, 9, 25)

    form = page.locator("#recognition form")
    form.get_by_label("Lēmums").select_option("full")
    form.get_by_label("Atzītie ECVET punkti").fill("3")
    form.get_by_label("Atzītais programmas modulis vai vienība").fill("Modulis “Viesmīlība”")
    form.get_by_label("Lēmuma datums").fill("05.10.2026.")
    form.get_by_label("Lēmumu pieņēma").fill("Ilze Kalniņa, direktora vietniece")
    form.get_by_role("button", name="Saglabāt lēmumu").click()
    expect(page.locator(".alert-success")).to_contain_text("Atzīšanas lēmums saglabāts")
    assert Recognition.objects.get().decided_on == date(2026, 10, 5)
    # Shown as Latvian writes it.
    expect(page.locator("#id_decided_on")).to_have_value("05.10.2026.")

    marta = portal_user(back_home.participant, username="marta")
    phone = page_for(marta, width=375, height=740, language="lv-LV", landing="/portal/")
    phone.goto(f"{live_server.url}/portal/mobilities/{back_home.pk}/")
    outcomes = phone.locator("#outcomes")
    expect(outcomes.locator(f"[data-unit='{first.pk}']")).to_contain_text("Sasniegts")
    expect(outcomes.locator(f"[data-unit='{first.pk}']")).to_contain_text("25.09.2026.")
    expect(outcomes.locator(f"[data-unit='{second.pk}']")).to_contain_text("Vēl nav novērtēts")
    expect(outcomes.locator("#recognition")).to_contain_text("Atzīts pilnībā")
    expect(outcomes.locator("#recognition")).to_contain_text("05.10.2026.")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.fixture
def going(project, host):
    """Marta leaves for Valencia in a month."""
    learner = factories.learner(
        project.organisation,
        first_name="Marta",
        last_name="Bērziņa",
        date_of_birth=date(2005, 5, 30),
        email="marta@example.lv",
    )
    start = date.today() + timedelta(days=30)
    return factories.mobility(
        project, participant=learner, host=host, start_date=start, end_date=start + timedelta(27)
    )


def test_a_learner_answers_the_questionnaire_on_a_phone_and_the_coordinator_reads_it(
    page_for, live_server, alice, going
):
    marta = portal_user(going.participant, username="marta")
    phone = page_for(marta, width=375, height=740, language="lv-LV", landing="/portal/")
    phone.goto(f"{live_server.url}/portal/mobilities/{going.pk}/")
    expect(phone.locator("#todo")).to_contain_text("Aizpildiet anketu: Pirms izbraukšanas.")
    phone.locator("#questionnaires [data-stage='before']").get_by_role("link").click()
    expect(phone.locator("h1")).to_contain_text("pirms izbraukšanas")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    # Sent without the level: refused next to the question, nothing kept.
    phone.get_by_role("button", name="Nosūtīt atbildes").click()
    expect(phone.locator(".invalid-feedback").first).to_be_visible()
    assert not SurveyResponse.objects.exists()
    phone.get_by_label("B1 – tieku galā ar lielāko daļu situāciju darbā un ceļojot").check()
    phone.locator("#survey input[type=radio][value='4']").check()
    phone.locator("#survey textarea").fill("Gribu iemācīties strādāt reģistratūrā.")
    phone.get_by_role("button", name="Nosūtīt atbildes").click()
    expect(phone.locator(".alert-success")).to_contain_text("Paldies")
    expect(phone.locator("#questionnaires [data-stage='before']")).to_contain_text("nosūtīta")
    assert SurveyAnswer.objects.filter(level="B1").count() == 1

    page = page_for(alice, language="lv-LV")
    page.goto(f"{live_server.url}/projects/{going.project_id}/surveys/")
    before = page.locator("#before")
    expect(before.locator("[data-responses]")).to_have_attribute("data-responses", "1")
    expect(before.locator("[data-level='B1']")).to_have_attribute("data-count", "1")
    expect(before).to_contain_text("Gribu iemācīties strādāt reģistratūrā.")
    expect(before).not_to_contain_text("Marta")


def test_the_final_report_counts_the_characters_as_the_coordinator_types(
    page_for, live_server, alice, project, monkeypatch
):
    monkeypatch.setitem(SECTION_LIMITS, "summary", 40)
    page = page_for(alice, language="lv-LV")
    page.goto(f"{live_server.url}/projects/{project.pk}/final-report/")
    summary = page.locator("#answer-summary")
    counter = summary.locator("[data-counter-for]")
    expect(counter).to_contain_text("0 / 40")
    summary.locator("textarea").fill("Divdesmit izglītojamie devās praksē.")
    expect(counter.locator("[data-count]")).to_have_text("36")
    # The field takes no more than the limit: the browser stops at it.
    summary.locator("textarea").press_sequentially(" Un vēl.")
    expect(counter.locator("[data-count]")).to_have_text("40")
    summary.locator("textarea").fill("Īsi un skaidri.")
    summary.get_by_role("button", name="Saglabāt atbildi").click()
    expect(page.locator("#answer-summary")).to_contain_text("Saglabāts")


def test_a_coordinator_imports_the_ols_levels_from_a_latvian_csv(
    page_for, live_server, alice, back_home
):
    csv = (
        f"Mobilitātes ID;Valoda;Līmenis pirms;Līmenis pēc\n{back_home.reference};Spāņu;A2;B1\n"
    ).encode("cp1257")
    page = page_for(alice, language="lv-LV")
    page.goto(f"{live_server.url}/projects/{back_home.project_id}/surveys/")
    page.get_by_role("link", name="Importēt OLS līmeņus").click()
    page.set_input_files(
        "input[type=file]",
        files=[{"name": "ols.csv", "mimeType": "text/csv", "buffer": csv}],
    )
    page.get_by_role("button", name="Augšupielādēt un priekšskatīt").click()
    expect(page.locator("table")).to_contain_text(back_home.reference)
    assert not OlsAssessment.objects.exists()  # only a preview so far
    page.get_by_role("button", name="Apstiprināt importu").click()
    expect(page.get_by_role("heading", name="Imports pabeigts")).to_be_visible()
    ols = OlsAssessment.objects.get()
    assert (ols.mobility, ols.language, ols.level_before, ols.level_after) == (
        back_home,
        "es",
        "A2",
        "B1",
    )
