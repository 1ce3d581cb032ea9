"""The payments pages: a coordinator lists, filters, marks paid, reduces and undoes; a
viewer reads but changes nothing and downloads no personal codes; another organisation
gets 404. The list makes a fixed number of queries whatever the number of payments."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from finance.models import Payment, Reduction, Transfer
from tests import factories

from .conftest import sign

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"finance:{name}", args=args)


@pytest.fixture
def pre(signed):
    return Payment.objects.get(mobility=signed.mobility, kind="prefinancing")


def test_the_payments_page_lists_what_is_due(client, alice, project, pre):
    client.force_login(alice)
    response = client.get(url("payment_list", project.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-payment="{pre.pk}" data-status="overdue"' in page  # due 25 August 2026
    assert "Mark paid" in page
    assert response.context["totals"].overdue == Decimal("800.00")
    assert response.context["totals"].waiting == Decimal("200.00")


def test_the_list_filters_by_status_and_month(client, alice, project, pre):
    client.force_login(alice)
    listing = client.get(url("payment_list", project.pk) + "?status=waiting").context["listing"]
    assert [p.kind for p in listing.page] == ["balance"]
    listing = client.get(url("payment_list", project.pk) + "?month=2026-08").context["listing"]
    assert [p.kind for p in listing.page] == ["prefinancing"]
    assert listing.filter_fields[1]["choices"] == [("2026-08", "August 2026")]
    # A month in which nothing falls due is not offered; asked for anyway, it is ignored.
    listing = client.get(url("payment_list", project.pk) + "?month=2026-09").context["listing"]
    assert len(listing.page) == 2


def test_a_coordinator_marks_a_payment_paid_in_part(client, alice, project, pre):
    client.force_login(alice)
    form = url("transfer_create", pre.pk) + "?from=list"
    assert client.get(form).context["form"]["amount"].value() == Decimal("800.00")
    response = client.post(
        form, {"paid_on": "20/08/2026", "amount": "500.00", "reference": "Statement 7, line 3"}
    )
    assert response.status_code == 302
    assert response.url == url("payment_list", project.pk)
    transfer = Transfer.objects.get()
    assert (transfer.amount, transfer.paid_on, transfer.recorded_by) == (
        Decimal("500.00"),
        date(2026, 8, 20),
        alice,
    )
    assert transfer.history.get().history_user == alice


def test_an_amount_over_what_is_open_is_refused_on_its_field(client, alice, pre):
    client.force_login(alice)
    response = client.post(
        url("transfer_create", pre.pk),
        {"paid_on": "20/08/2026", "amount": "900", "reference": "x"},
    )
    assert response.status_code == 200
    assert "At most 800.00 EUR is still open" in response.context["form"].errors["amount"][0]
    assert not Transfer.objects.exists()


def test_latvian_amounts_and_dates_are_understood(client, alice, pre):
    client.force_login(alice)
    client.cookies["django_language"] = "lv"
    with translation.override("lv"):
        response = client.post(
            url("transfer_create", pre.pk),
            {"paid_on": "20.08.2026.", "amount": "560,50", "reference": "Izraksts 7"},
            HTTP_ACCEPT_LANGUAGE="lv",
        )
    assert response.status_code == 302, response.context["form"].errors
    assert Transfer.objects.get().amount == Decimal("560.50")


def test_a_reduction_is_recorded_and_undone_after_asking(client, alice, pre):
    mobility = pre.mobility
    client.force_login(alice)
    response = client.post(
        url("reduction_create", mobility.pk),
        {"reason": "obligations_not_met", "explanation": "No weekly reports.", "amount": "250"},
    )
    assert response.status_code == 302
    reduction = Reduction.objects.get()
    assert reduction.amount == Decimal("250.00")
    page = client.get(url("mobility_money", mobility.pk)).content.decode()
    assert 'data-amount="entitled"' in page
    question = client.get(url("reduction_delete", reduction.pk))
    assert "Remove this reduction?" in question.content.decode()
    assert Reduction.objects.exists()  # asking deletes nothing
    client.post(url("reduction_delete", reduction.pk))
    assert not Reduction.objects.exists()
    assert Reduction.history.filter(id=reduction.pk, history_type="-").get().history_user == alice


def test_a_reduction_without_an_amount_names_the_field(client, alice, pre):
    client.force_login(alice)
    response = client.post(
        url("reduction_create", pre.mobility_id),
        {"reason": "early_return", "explanation": "Home early.", "amount": ""},
    )
    assert response.context["form"].errors["amount"] == ["Give the amount to reduce."]


def test_a_viewer_reads_the_payments_and_changes_nothing(client, bob, project, pre):
    client.force_login(bob)
    page = client.get(url("payment_list", project.pk)).content.decode()
    assert "Mark paid" not in page and "Export CSV" not in page
    assert client.get(url("mobility_money", pre.mobility_id)).status_code == 200
    post = {"paid_on": "20/08/2026", "amount": "1", "reference": "x"}
    assert client.post(url("transfer_create", pre.pk), post).status_code == 403
    assert client.get(url("payment_export", project.pk, "csv")).status_code == 403
    assert client.post(url("reduction_create", pre.mobility_id), {}).status_code == 403
    assert not Transfer.objects.exists()


def test_another_organisation_sees_nothing(client, charlie, project, pre):
    client.force_login(charlie)
    assert client.get(url("payment_list", project.pk)).status_code == 404
    assert client.get(url("mobility_money", pre.mobility_id)).status_code == 404
    assert client.get(url("transfer_create", pre.pk)).status_code == 404
    assert client.get(url("payment_export", project.pk, "xlsx")).status_code == 404


def _export_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_accountants_csv_has_what_the_bank_needs(client, alice, project, pre):
    participant = pre.mobility.participant
    participant.national_id, participant.iban = "010105-12345", "LV80BANK0000435195001"
    participant.save()
    client.force_login(alice)
    response = client.get(url("payment_export", project.pk, "csv") + "?status=overdue")
    assert response["Cache-Control"] == "private, no-store"
    header, *rows = _export_rows(response)
    assert header[:4] == ["Payee", "Personal code", "IBAN", "Direction"]
    (row,) = rows
    record = dict(zip(header, row, strict=True))
    assert record["Payee"] == participant.full_name
    assert record["Personal code"] == "010105-12345"
    assert record["IBAN"] == "LV80BANK0000435195001"
    assert record["Open (EUR)"] == "800.00"
    assert record["Due date"] == "2026-08-25"
    assert record["Status"] == "Overdue"
    assert pre.mobility.reference + "-GA-v1" in record["Purpose"]


def test_the_xlsx_keeps_amounts_as_numbers(client, alice, project, pre):
    client.force_login(alice)
    response = client.get(url("payment_export", project.pk, "xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][4] == "Amount (EUR)"
    amounts = sorted(row[4] for row in rows[1:])
    assert amounts == [200, 800]


def test_the_list_makes_a_fixed_number_of_queries(
    client, alice, project, host, terms, django_assert_max_num_queries
):
    def add(count):
        for _n in range(count):
            sign(factories.mobility(project, host=host))

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert (
                client.get(url("payment_list", project.pk) + "?sort=participant").status_code == 200
            )
        return len(captured)

    client.force_login(alice)
    add(1)
    client.get(url("payment_list", project.pk))
    with django_assert_max_num_queries(14):
        one = queries()
    add(11)
    with django_assert_max_num_queries(14):
        twelve = queries()
    assert twelve == one


def test_what_needs_doing_comes_first(client, alice, project, host, terms, pre):
    later = Payment.objects.get(
        mobility=sign(factories.mobility(project, host=host)).mobility, kind="prefinancing"
    )
    services_pay = {"paid_on": "20/08/2026", "amount": "800.00", "reference": "x"}
    client.force_login(alice)
    client.post(url("transfer_create", pre.pk), services_pay)
    listing = client.get(url("payment_list", project.pk)).context["listing"]
    statuses = [payment.status for payment in listing.page]
    assert listing.page[0] == later and statuses[0] == "overdue"
    assert statuses == sorted(statuses, key=["overdue", "due", "waiting", "paid", "nothing"].index)
