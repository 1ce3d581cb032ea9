"""A signed agreement's payments: the pre-financing and the balance, their due dates,
reductions, repayment claims and force majeure (finance/schedule.py, services.py)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from finance import services
from finance.models import Payment, Reduction, Transfer
from finance.schedule import schedule_sync
from finance.selectors import Status, mobility_payments
from reporting.share import participant_share

from .conftest import report_in, sign

pytestmark = pytest.mark.django_db
PRE, BALANCE, REPAYMENT = Payment.Kind.PREFINANCING, Payment.Kind.BALANCE, Payment.Kind.REPAYMENT


def payments(mobility, today=None):
    rows = mobility_payments(mobility, today=today or timezone.localdate())
    return {p.kind: p for p in rows}


def pay(payment, amount, alice, on=date(2026, 8, 20)):
    return services.transfer_record(
        payment=payment, paid_on=on, amount=Decimal(amount), reference="LV-123", user=alice
    )


def test_a_signed_agreement_produces_its_prefinancing_and_its_balance(mobility, signed):
    rows = payments(mobility, today=date(2026, 8, 1))
    assert set(rows) == {PRE, BALANCE}
    assert rows[PRE].amount == Decimal("800.00")
    # Seven days before the departure on 1 September.
    assert rows[PRE].due_date == date(2026, 8, 25)
    assert rows[PRE].status == Status.DUE
    assert rows[PRE].agreement == signed
    assert rows[BALANCE].amount == Decimal("200.00")
    assert rows[BALANCE].due_date is None
    assert rows[BALANCE].status == Status.WAITING
    # After its due date, an unpaid pre-financing is overdue.
    assert payments(mobility, today=date(2026, 8, 26))[PRE].status == Status.OVERDUE


def test_nothing_is_scheduled_before_an_agreement_is_signed(mobility, terms):
    assert schedule_sync(mobility_id=mobility.pk) == []
    assert not Payment.objects.exists()


def test_the_balance_falls_due_after_the_report_and_the_proof(mobility, signed, media_root):
    mobility.participant_report = "submitted"
    mobility.save()
    assert payments(mobility)[BALANCE].due_date is None  # the proof is missing
    report_in(mobility)
    today = timezone.localdate()
    assert payments(mobility)[BALANCE].due_date == today + timedelta(days=30)
    # A report taken back (sent by mistake) takes the due date back.
    mobility.participant_report = "requested"
    mobility.save()
    assert payments(mobility)[BALANCE].due_date is None


def test_the_balance_keeps_its_due_date_once_set(mobility, signed, media_root):
    report_in(mobility)
    due = payments(mobility)[BALANCE].due_date
    schedule_sync(mobility_id=mobility.pk, today=due + timedelta(days=5))
    assert payments(mobility)[BALANCE].due_date == due


def test_a_payment_is_paid_in_parts_never_more_than_open(mobility, signed, alice):
    pre = payments(mobility)[PRE]
    pay(pre, "500.00", alice)
    pre = payments(mobility, today=date(2026, 8, 21))[PRE]
    assert (pre.transferred, pre.open_amount, pre.status) == (
        Decimal("500.00"),
        Decimal("300.00"),
        Status.DUE,
    )
    with pytest.raises(ValidationError) as error:
        pay(pre, "300.01", alice)
    assert "300.00" in error.value.message_dict["amount"][0]
    pay(pre, "300.00", alice)
    assert payments(mobility)[PRE].status == Status.PAID


def test_a_transfer_needs_a_reference_and_an_amount(mobility, signed, alice):
    pre = payments(mobility)[PRE]
    with pytest.raises(ValidationError) as error:
        services.transfer_record(
            payment=pre, paid_on=date(2026, 8, 20), amount=Decimal("1"), reference=" ", user=alice
        )
    assert "reference" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        pay(pre, "0", alice)
    assert "amount" in error.value.message_dict


def test_a_reduction_before_any_payment_lowers_what_is_due(mobility, signed, alice):
    services.reduction_record(
        mobility=mobility,
        reason=Reduction.Reason.OBLIGATIONS_NOT_MET,
        explanation="No report of the first week.",
        amount=Decimal("300.00"),
        last_day=None,
        user=alice,
    )
    rows = payments(mobility)
    assert rows[PRE].amount == Decimal("700.00")  # never more than the 700 entitled
    assert rows[BALANCE].amount == Decimal("0.00")
    assert rows[BALANCE].status == Status.NOTHING
    assert REPAYMENT not in rows


def test_a_reduction_after_payment_makes_a_repayment_claim(mobility, signed, alice):
    pay(payments(mobility)[PRE], "800.00", alice)
    reduction = services.reduction_record(
        mobility=mobility,
        reason=Reduction.Reason.EARLY_RETURN,
        explanation="Came home after ten days.",
        amount=Decimal("500.00"),
        last_day=date(2026, 9, 10),
        user=alice,
    )
    rows = payments(mobility)
    assert rows[PRE].amount == Decimal("800.00")  # paid: its amount stays
    assert rows[BALANCE].amount == Decimal("0.00")
    assert rows[REPAYMENT].amount == Decimal("300.00")
    assert rows[REPAYMENT].from_participant
    pay(rows[REPAYMENT], "300.00", alice, on=date(2026, 10, 1))
    assert payments(mobility)[REPAYMENT].status == Status.PAID
    # Undoing the reduction: nothing to pay back, the balance is owed again.
    services.reduction_delete(reduction=reduction)
    rows = payments(mobility)
    assert rows[REPAYMENT].amount == Decimal("0.00")
    assert rows[BALANCE].amount == Decimal("200.00")


def test_a_reduction_cannot_exceed_what_is_left(mobility, signed, alice):
    with pytest.raises(ValidationError) as error:
        services.reduction_record(
            mobility=mobility,
            reason=Reduction.Reason.INTERRUPTION,
            explanation="x",
            amount=Decimal("1000.01"),
            last_day=None,
            user=alice,
        )
    assert "1,000.00" in error.value.message_dict["amount"][0]
    with pytest.raises(ValidationError) as error:
        services.reduction_record(
            mobility=mobility,
            reason=Reduction.Reason.INTERRUPTION,
            explanation="x",
            amount=Decimal("10"),
            last_day=date(2026, 10, 1),
            user=alice,
        )
    assert "last_day" in error.value.message_dict


def test_force_majeure_keeps_the_grant_of_the_days_spent(mobility, terms, alice):
    """28 days in Valencia, ended by force majeure after 14: the individual support of the
    other 14 days is reduced, the travel is kept."""
    full = participant_share(mobility).split.paid_total
    sign(mobility, paid=str(full))
    reduction = services.reduction_record(
        mobility=mobility,
        reason=Reduction.Reason.FORCE_MAJEURE,
        explanation="Flood at the host; the stay ended.",
        amount=None,
        last_day=date(2026, 9, 14),
        user=alice,
    )
    support = mobility.grant.individual_support
    # 28 days (26 + 2 travel days funded) became 14 days: each day of the stay is a day of
    # support at the destination's rate, so the reduction is half the support or more
    # (the first days carry the full rate).
    assert Decimal("0") < reduction.amount < support
    assert (
        reduction.amount
        == full - participant_share(mobility, amounts=_amounts_for(mobility)).split.paid_total
    )
    assert mobility.grant.travel > 0
    rows = payments(mobility)
    assert rows[PRE].amount + rows[BALANCE].amount == full - reduction.amount


def _amounts_for(mobility):
    from budget.adapters import mobility_input
    from budget.rules.period import grant_of_days_spent

    project = mobility.project
    grant = grant_of_days_spent(
        mobility_input(mobility),
        last_day=date(2026, 9, 14),
        call_year=project.call_year,
        rates=project.individual_support_rates,
    )
    amounts = {str(line.category): line.amount for line in grant.lines}
    assert amounts["travel"] == mobility.grant.travel
    assert amounts["individual_support"] < mobility.grant.individual_support
    return amounts


def test_force_majeure_on_the_last_day_reduces_nothing(mobility, terms, alice):
    sign(mobility, paid=str(participant_share(mobility).split.paid_total))
    with pytest.raises(ValidationError) as error:
        services.reduction_record(
            mobility=mobility,
            reason=Reduction.Reason.FORCE_MAJEURE,
            explanation="x",
            amount=None,
            last_day=mobility.end_date,
            user=alice,
        )
    assert "last_day" in error.value.message_dict


def test_a_new_signed_version_changes_an_unpaid_schedule(mobility, signed, alice):
    sign(mobility, paid="1200.00", number=2)
    rows = payments(mobility)
    assert (rows[PRE].amount, rows[BALANCE].amount) == (Decimal("960.00"), Decimal("240.00"))
    assert rows[PRE].agreement.number == 2


def test_a_new_version_keeps_a_paid_prefinancing(mobility, signed, alice):
    pay(payments(mobility)[PRE], "800.00", alice)
    sign(mobility, paid="1200.00", number=2)
    rows = payments(mobility)
    assert (rows[PRE].amount, rows[BALANCE].amount) == (Decimal("800.00"), Decimal("400.00"))


def test_everything_paid_before_departure_leaves_no_balance(mobility, project):
    from tests import factories

    factories.agreement_terms(project, prefinancing_percent=100)
    sign(mobility, paid="640.00")
    assert set(payments(mobility)) == {PRE}


def test_nothing_paid_to_the_participant_makes_no_payment(mobility, terms):
    sign(mobility, paid="0.00")
    assert not Payment.objects.exists()


def test_the_history_keeps_every_change(mobility, signed, alice):
    pre = payments(mobility)[PRE]
    transfer = pay(pre, "100.00", alice)
    pk = transfer.pk
    services.transfer_delete(transfer=transfer)
    rows = Transfer.history.filter(id=pk).order_by("history_date")
    assert [h.history_type for h in rows] == ["+", "-"]  # recorded, then removed
    assert pre.history.count() == 1  # unchanged by the transfer: no new row


def test_an_agreement_signed_on_paper_produces_payments_too(mobility, terms, media_root):
    from django.core.files.base import ContentFile

    from mobilities.models import MobilityFile

    MobilityFile.objects.create(
        mobility=mobility,
        kind=MobilityFile.Kind.GRANT_AGREEMENT,
        file=ContentFile(b"%PDF-1.4 scan", name="ga.pdf"),
        original_name="ga.pdf",
        content_type="application/pdf",
        size=13,
    )
    paid = participant_share(mobility).split.paid_total
    rows = payments(mobility)
    assert rows[PRE].agreement is None
    assert rows[PRE].amount + rows[BALANCE].amount == paid
    assert rows[PRE].amount == (paid * Decimal("0.8")).quantize(Decimal("0.01"))


def test_a_scan_beside_an_agreement_sent_online_is_not_a_signature(mobility, terms, media_root):
    """The dashboard's rule: a scan counts only for an agreement never sent for signing."""
    from django.core.files.base import ContentFile

    from mobilities.models import MobilityFile

    agreement = sign(mobility)
    Payment.objects.all().delete()
    agreement.status, agreement.signed_at = "open", None
    agreement.final_file = ""
    agreement.final_sha256 = ""
    agreement.save()
    MobilityFile.objects.create(
        mobility=mobility,
        kind=MobilityFile.Kind.GRANT_AGREEMENT,
        file=ContentFile(b"%PDF-1.4 scan", name="ga.pdf"),
        original_name="ga.pdf",
        content_type="application/pdf",
        size=13,
    )
    assert not Payment.objects.exists()
