"""The school's real costs against the unit-cost income: conversion to euros at the rate
the coordinator gives, the usual category of each kind, the upload checks, the overview
per category (income, paid to participants, spent, remaining) and its warnings, and the
pages for coordinators, viewers and other organisations."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from finance import costs, services
from finance.models import Cost, Payment, ProjectFinance
from finance.overview import mobility_overview, project_overview
from tests import factories, upload_files

from .conftest import sign

pytestmark = pytest.mark.django_db


def cost(project, mobility=None, *, user=None, files=None, **data):
    values = {
        "mobility": mobility,
        "kind": Cost.Kind.TICKETS,
        "category": "",
        "supplier": "airBaltic",
        "invoice_number": "",
        "invoice_date": date(2026, 8, 1),
        "amount": Decimal("300.00"),
        "currency": "EUR",
        "exchange_rate": Decimal("1"),
        "paid_on": date(2026, 8, 3),
        "note": "",
    } | data
    return costs.cost_save(cost=Cost(project=project), data=values, files=files or {}, user=user)


def pdf(name="invoice.pdf"):
    return SimpleUploadedFile(name, upload_files.pdf(), content_type="application/pdf")


def row(rows, category):
    return next(r for r in rows if r.category == category)


def test_a_cost_in_another_currency_is_converted_at_the_given_rate(project, mobility):
    saved = cost(
        project,
        mobility,
        kind=Cost.Kind.ACCOMMODATION,
        amount=Decimal("100.00"),
        currency="gbp",
        exchange_rate=Decimal("0.85"),
    )
    assert (saved.currency, saved.amount_eur) == ("GBP", Decimal("117.65"))
    assert saved.category == "individual_support"  # accommodation, as usual
    euros = cost(project, mobility, currency="EUR", exchange_rate=Decimal("3"))
    assert (euros.exchange_rate, euros.amount_eur, euros.category) == (
        1,
        Decimal("300.00"),
        "travel",
    )


def test_the_invoice_is_checked_like_every_upload(project, mobility, media_root):
    saved = cost(project, mobility, files={"invoice": pdf()})
    assert saved.invoice_name == "invoice.pdf" and saved.invoice.storage.exists(saved.invoice.name)
    fake = SimpleUploadedFile("invoice.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ValidationError) as error:
        cost(project, mobility, files={"proof_of_payment": fake})
    assert "proof_of_payment" in error.value.message_dict
    assert Cost.objects.count() == 1


def test_a_mobility_of_another_project_is_refused(project, school):
    other = factories.mobility(factories.project(school, project.erasmus_plan))
    with pytest.raises(ValidationError) as error:
        cost(project, other)
    assert "mobility" in error.value.message_dict


def test_the_overview_sets_income_against_payments_and_costs(
    project, mobility, terms, alice, media_root
):
    grant = mobility.grant
    sign(
        mobility,
        paid="1000.00",
        lines=[["travel", "300.00", "paid", ""], ["individual_support", "700.00", "paid", ""]],
    )
    pre = Payment.objects.get(kind="prefinancing")
    services.transfer_record(
        payment=pre, paid_on=date(2026, 8, 20), amount=Decimal("800.00"), reference="1", user=alice
    )
    cost(project, mobility, kind=Cost.Kind.COURSE_FEES, amount=Decimal("50.00"), paid_on=None)
    cost(project, None, kind=Cost.Kind.STAFF_TIME, amount=Decimal("99999.00"))

    overview = project_overview(project)
    travel = row(overview.rows, "travel")
    # 800 of the 1 000 paid: 240 of it is travel, 560 individual support.
    assert (travel.income, travel.to_participants, travel.spent) == (
        grant.travel,
        Decimal("240.00"),
        0,
    )
    assert travel.remaining == grant.travel - Decimal("240.00")
    support = row(overview.rows, "individual_support")
    assert support.to_participants == Decimal("560.00")
    fees = row(overview.rows, "course_fees")
    assert (fees.spent, fees.unpaid_costs) == (Decimal("50.00"), Decimal("50.00"))
    organisational = row(overview.rows, "organisational_support")
    assert organisational.deficit and travel.surplus
    assert overview.total.used == Decimal("800.00") + Decimal("50.00") + Decimal("99999.00")
    assert any(
        w.startswith("Organisational support: paid to participants and spent 99,999.00 EUR")
        for w in overview.warnings
    )
    # No income at all for course fees: all of the 50 is too much.
    assert "Course fees: paid to participants and spent 50.00 EUR, 50.00 EUR more" in " ".join(
        overview.warnings
    )

    rows, total = mobility_overview(mobility)
    assert row(rows, "travel").to_participants == Decimal("240.00")
    assert total.spent == Decimal("50.00")  # the project's cost is not the mobility's


def test_a_repayment_received_lowers_what_went_to_participants(project, mobility, terms, alice):
    sign(mobility, paid="1000.00")
    pre = Payment.objects.get(kind="prefinancing")
    services.transfer_record(
        payment=pre, paid_on=date(2026, 8, 20), amount=Decimal("800.00"), reference="1", user=alice
    )
    services.reduction_record(
        mobility=mobility,
        reason="interruption",
        explanation="x",
        amount=Decimal("300.00"),
        last_day=None,
        user=alice,
    )
    claim = Payment.objects.get(kind="repayment")
    services.transfer_record(
        payment=claim,
        paid_on=date(2026, 10, 1),
        amount=Decimal("100.00"),
        reference="2",
        user=alice,
    )
    assert row(project_overview(project).rows, "individual_support").to_participants == Decimal(
        "700.00"
    )


def test_the_project_limits_its_organisational_support(project, mobility):
    income = mobility.grant.organisational_support
    cost(project, mobility, kind=Cost.Kind.INSURANCE, amount=income / 2 + 1)
    assert project_overview(project).warnings == []
    ProjectFinance.objects.create(project=project, organisational_support_limit_percent=50)
    (warning,) = project_overview(project).warnings
    assert "more than the 50% of its income" in warning


def test_completed_mobilities_without_costs_are_named(project, mobility):
    from mobilities.services import mobility_update

    mobility_update(mobility=mobility, data={"status": "completed"})
    overview = project_overview(project)
    assert overview.without_costs_count == 1 and overview.without_costs == [mobility]
    cost(project, mobility)
    assert project_overview(project).without_costs_count == 0


# Pages


def test_a_coordinator_records_a_cost_with_its_invoice(
    client, alice, project, mobility, media_root
):
    client.force_login(alice)
    response = client.post(
        reverse("finance:cost_create", args=[project.pk]) + f"?mobility={mobility.pk}",
        {
            "mobility": mobility.pk,
            "kind": "tickets",
            "category": "",
            "supplier": "airBaltic",
            "invoice_date": "01/08/2026",
            "amount": "312.40",
            "currency": "EUR",
            "paid_on": "",
            "invoice": pdf("tickets.pdf"),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("finance:mobility_money", args=[mobility.pk])
    saved = Cost.objects.get()
    assert (saved.amount_eur, saved.category, saved.recorded_by) == (
        Decimal("312.40"),
        "travel",
        alice,
    )
    download = client.get(reverse("finance:cost_file", args=[saved.pk, "invoice"]))
    assert download["Cache-Control"] == "private, no-store"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert (
        client.get(reverse("finance:cost_file", args=[saved.pk, "proof_of_payment"])).status_code
        == 404
    )


def test_another_currency_needs_its_rate(client, alice, project):
    client.force_login(alice)
    response = client.post(
        reverse("finance:cost_create", args=[project.pk]),
        {
            "kind": "accommodation",
            "supplier": "Hostel",
            "invoice_date": "01/08/2026",
            "amount": "100",
            "currency": "SEK",
            "exchange_rate": "",
        },
    )
    assert response.context["form"].errors["exchange_rate"] == [
        "Give the rate of SEK to the euro on the day you choose."
    ]


def test_a_cost_is_deleted_after_asking(client, alice, project, mobility, media_root):
    saved = cost(project, mobility, files={"invoice": pdf()})
    name = saved.invoice.name
    client.force_login(alice)
    url = reverse("finance:cost_delete", args=[saved.pk])
    assert "Delete this cost?" in client.get(url).content.decode()
    assert Cost.objects.exists()
    client.post(url)
    assert not Cost.objects.exists()
    assert Cost.history.filter(id=saved.pk, history_type="-").get().history_user == alice
    assert name


def test_viewers_read_and_other_schools_see_nothing(client, bob, charlie, project, mobility):
    saved = cost(project, mobility)
    client.force_login(bob)
    assert client.get(reverse("finance:finance_overview", args=[project.pk])).status_code == 200
    page = client.get(reverse("finance:cost_list", args=[project.pk])).content.decode()
    assert "airBaltic" in page and "New cost" not in page
    assert client.post(reverse("finance:cost_edit", args=[saved.pk]), {}).status_code == 403
    assert (
        client.post(reverse("finance:finance_rules_edit", args=[project.pk]), {}).status_code == 403
    )
    client.force_login(charlie)
    for url in (
        reverse("finance:finance_overview", args=[project.pk]),
        reverse("finance:cost_list", args=[project.pk]),
        reverse("finance:cost_edit", args=[saved.pk]),
        reverse("finance:cost_file", args=[saved.pk, "invoice"]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_finance_pages_make_a_fixed_number_of_queries(
    client, alice, project, host, terms, django_assert_max_num_queries
):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for _n in range(count):
            m = factories.mobility(project, host=host)
            sign(m)
            cost(project, m)

    def queries(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(alice)
    urls = [
        reverse("finance:finance_overview", args=[project.pk]),
        reverse("finance:cost_list", args=[project.pk]),
    ]
    add(1)
    for url in urls:
        client.get(url)
    with django_assert_max_num_queries(18):
        one = [queries(url) for url in urls]
    add(9)
    with django_assert_max_num_queries(18):
        ten = [queries(url) for url in urls]
    assert ten == one
