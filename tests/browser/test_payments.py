"""A finance officer works through a project's payments in Chromium, in Latvian: the
overdue pre-financing is found with the filter, paid in two parts (amounts typed with a
decimal comma), the stay is cut short and the grant reduced, and the repayment the
participant owes appears and is received. A viewer sees the same pages without buttons."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from finance.models import Payment, Reduction
from tests.finance.conftest import sign

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def agreement(mobility, project):
    from tests import factories

    factories.agreement_terms(project, prefinancing_percent=80)
    return sign(mobility, paid="1000.00")


def test_a_finance_officer_pays_reduces_and_receives_a_repayment(
    page_for, live_server, alice, project, agreement
):
    mobility = agreement.mobility
    page = page_for(alice, width=1366, language="lv")
    page.goto(f"{live_server.url}/projects/{project.pk}/payments/")
    expect(page.locator("#payments-overdue")).to_contain_text("1 maksājuma termiņš ir nokavēts.")
    page.locator("#filter-status").select_option("overdue")
    page.get_by_role("button", name="Atlasīt").click()
    rows = page.locator("#payment-list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Priekšfinansējums")

    rows.first.get_by_role("link", name="Atzīmēt kā samaksātu").click()
    expect(page.locator("#open-amount")).to_contain_text("800,00")
    page.fill("#id_amount", "300,50")
    page.fill("#id_reference", "SEB izraksts 2026-08, rinda 3")
    page.get_by_role("button", name="Reģistrēt pārskaitījumu").click()
    page.wait_for_url(f"{live_server.url}/projects/{project.pk}/payments/")
    expect(page.get_by_role("status")).to_contain_text("Reģistrēti 300,50 EUR")
    row = page.locator(
        f'#payment-list tr[data-payment="{agreement.payments.get(kind="prefinancing").pk}"]'
    )
    expect(row).to_contain_text("daļēji samaksāts")
    expect(row).to_contain_text("499,50 EUR")

    # The rest, from the mobility's own page; an amount over what is open is refused.
    page.goto(f"{live_server.url}/mobilities/{mobility.pk}/money/")
    page.locator('#mobility-payments tr[data-kind="prefinancing"]').get_by_role(
        "link", name="Atzīmēt kā samaksātu"
    ).click()
    page.fill("#id_amount", "500")
    page.fill("#id_reference", "SEB izraksts 2026-08, rinda 9")
    page.get_by_role("button", name="Reģistrēt pārskaitījumu").click()
    expect(page.locator("#id_amount")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("form.col-lg-8")).to_contain_text("ne vairāk kā 499,50 EUR")
    page.fill("#id_amount", "499,50")
    page.get_by_role("button", name="Reģistrēt pārskaitījumu").click()
    page.wait_for_url(f"{live_server.url}/mobilities/{mobility.pk}/money/")
    expect(page.locator('tr[data-kind="prefinancing"]')).to_contain_text("Samaksāts")

    # The participant came home early and did not meet the obligations: 400 EUR less.
    page.get_by_role("link", name="Reģistrēt samazinājumu").click()
    page.locator("#id_reason").select_option("early_return")
    page.fill("#id_explanation", "Atgriezās mājās pēc divām nedēļām.")
    page.fill("#id_amount", "400,00")
    page.get_by_role("button", name="Reģistrēt samazinājumu").click()
    page.wait_for_url(f"{live_server.url}/mobilities/{mobility.pk}/money/")
    expect(page.locator('[data-amount="entitled"]')).to_contain_text("600,00 EUR")
    claim = page.locator('#mobility-payments tr[data-kind="repayment"]')
    expect(claim).to_contain_text("Atmaksas prasība")
    expect(claim).to_contain_text("200,00 EUR")
    assert Reduction.objects.get().amount == Decimal("400.00")

    claim.get_by_role("link", name="Reģistrēt saņemto naudu").click()
    page.fill("#id_reference", "SEB izraksts 2026-10, rinda 1")
    page.get_by_role("button", name="Reģistrēt pārskaitījumu").click()
    page.wait_for_url(f"{live_server.url}/mobilities/{mobility.pk}/money/")
    expect(page.locator('tr[data-kind="repayment"]')).to_contain_text("Samaksāts")
    assert Payment.objects.get(kind="repayment").transfers.get().amount == Decimal("200.00")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_a_viewer_reads_the_payments_without_buttons(
    page_for, live_server, bob, project, agreement
):
    page = page_for(bob, width=1366, language="lv")
    page.goto(f"{live_server.url}/projects/{project.pk}/payments/")
    expect(page.locator("#payment-list tbody tr")).to_have_count(2)
    expect(page.get_by_role("link", name="Atzīmēt kā samaksātu")).to_have_count(0)
    expect(page.get_by_role("link", name="Eksportēt CSV")).to_have_count(0)
    page.goto(f"{live_server.url}/mobilities/{agreement.mobility_id}/money/")
    expect(page.get_by_role("link", name="Reģistrēt samazinājumu")).to_have_count(0)


def test_a_finance_officer_records_a_cost_in_pounds_with_its_invoice(
    page_for, live_server, alice, project, mobility, media_root
):
    from finance.models import Cost
    from tests import upload_files

    page = page_for(alice, width=1366, language="lv")
    page.goto(f"{live_server.url}/mobilities/{mobility.pk}/money/")
    page.get_by_role("link", name="Reģistrēt izdevumus").click()
    page.locator("#id_kind").select_option("language_course")
    page.fill("#id_supplier", "Brighton Language College")
    page.fill("#id_invoice_date", "25.11.2026.")
    page.fill("#id_amount", "120,00")
    page.fill("#id_currency", "GBP")
    page.get_by_role("button", name="Saglabāt").click()
    # Pounds need the day's rate.
    expect(page.locator("#id_exchange_rate")).to_have_attribute("aria-invalid", "true")
    page.fill("#id_exchange_rate", "0,8412")
    page.locator("#id_invoice").set_input_files(
        files=[{"name": "rekins.pdf", "mimeType": "application/pdf", "buffer": upload_files.pdf()}]
    )
    page.get_by_role("button", name="Saglabāt").click()
    page.wait_for_url(f"{live_server.url}/mobilities/{mobility.pk}/money/")
    expect(page.locator(".alert-success")).to_contain_text(
        "Izdevumi 142,65 EUR (Brighton Language College) saglabāti."
    )
    expect(page.locator("#mobility-costs")).to_contain_text("Valodas kurss")
    expect(page.locator('#mobility-money tr[data-category="linguistic_support"]')).to_contain_text(
        "142,65 EUR"
    )
    saved = Cost.objects.get()
    assert (saved.amount_eur, saved.category, saved.invoice_name) == (
        Decimal("142.65"),
        "linguistic_support",
        "rekins.pdf",
    )

    page.goto(f"{live_server.url}/projects/{project.pk}/finance/")
    expect(page.locator('#money-table tr[data-category="linguistic_support"]')).to_contain_text(
        "deficīts"
    )
    expect(page.locator("#finance-warnings")).to_contain_text("Valodu atbalsts")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366


def test_a_coordinator_reads_the_final_figures_and_sets_the_projects_limit(
    page_for, live_server, alice, project, mobility
):
    """Travel carried out is 100 EUR above its award: it takes 100 EUR from individual
    support; a limit of 1 % on what a category may receive, typed on the rules page,
    makes that transfer break the project's rule."""
    from mobilities.services import mobility_update
    from tests import factories

    mobility_update(mobility=mobility, data={"status": "completed"})
    grant = mobility.grant
    grant.refresh_from_db()
    factories.awarded(project, "travel", str(grant.travel - 100))
    factories.awarded(project, "individual_support", str(grant.individual_support + 500))
    factories.awarded(project, "organisational_support", str(grant.organisational_support))

    page = page_for(alice, width=1366, language="lv")
    page.goto(f"{live_server.url}/projects/{project.pk}/finance/")
    page.get_by_role("link", name="Noslēguma skaitļi").click()
    transfer = page.locator('#transfer-table tr[data-source="individual_support"]')
    expect(transfer).to_contain_text("Ceļa izdevumi")
    expect(transfer).to_contain_text("100,00 EUR")
    expect(transfer.locator('[data-rule="in_limit"]')).to_contain_text("nav noteikts")

    page.get_by_role("link", name="Mainīt projekta finanšu noteikumus").click()
    page.get_by_label("Par cik lielu daļu no tai piešķirtā kategorija drīkst pieaugt").fill("1")
    page.get_by_role("button", name="Saglabāt").click()
    expect(page.locator(".alert-success")).to_contain_text("Projekta finanšu noteikumi saglabāti.")
    page.goto(f"{live_server.url}/projects/{project.pk}/finance/final/")
    in_limit = page.locator('#transfer-table [data-rule="in_limit"]')
    expect(in_limit).to_have_attribute("data-outcome", "breaks")
    expect(in_limit).to_contain_text("neatbilst")
    expect(in_limit).to_contain_text("vairāk nekā projekta robeža — 1% no tai piešķirtā")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
