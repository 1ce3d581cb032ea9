"""Recording the money that moves: transfers (a payment made, or a repayment received)
and reductions. Each recomputes the mobility's payments (schedule.py). Undoing a
transfer or a reduction deletes its row; the history keeps it and who removed it."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.money import ZERO, money_text
from mobilities.models import Mobility

from .force_majeure import kept_under_force_majeure
from .models import Payment, ProjectFinance, Reduction, Transfer
from .overview import finance_rules
from .schedule import entitlement, schedule_sync, signed_agreement, transferred


@transaction.atomic
def transfer_record(
    *,
    payment: Payment,
    paid_on: datetime.date,
    amount: Decimal,
    reference: str,
    user,
) -> Transfer:
    """A payment made to the participant (or a repayment received from them), in full or
    in part; never more than what is still open."""
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    open_amount = payment.amount - transferred(payment)
    if amount <= ZERO:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if amount > open_amount:
        raise ValidationError(
            {
                "amount": _("At most %(open)s EUR is still open on this payment.")
                % {"open": money_text(max(open_amount, ZERO))}
            }
        )
    if not reference.strip():
        raise ValidationError({"reference": _("Give the line of the bank statement.")})
    transfer = Transfer(
        payment=payment,
        paid_on=paid_on,
        amount=amount,
        reference=reference.strip(),
        recorded_by=user,
    )
    transfer.full_clean()
    transfer.save()
    schedule_sync(mobility_id=payment.mobility_id)
    return transfer


@transaction.atomic
def transfer_delete(*, transfer: Transfer) -> None:
    """Undo a transfer recorded by mistake."""
    mobility_id = transfer.payment.mobility_id
    transfer.delete()
    schedule_sync(mobility_id=mobility_id)


@transaction.atomic
def reduction_record(
    *,
    mobility: Mobility,
    reason: str,
    explanation: str,
    amount: Decimal | None,
    last_day: datetime.date | None,
    user,
) -> Reduction:
    """A reduction of what the participant is entitled to. Under force majeure the amount
    is computed (the grant of the days spent is kept); otherwise the coordinator gives it,
    at most what is left of the agreement's amount."""
    mobility = Mobility.objects.select_for_update().select_related("project").get(pk=mobility.pk)
    signed = signed_agreement(mobility)
    if signed is None:
        raise ValidationError(_("The mobility has no signed grant agreement to reduce."))
    if last_day is not None and not mobility.start_date <= last_day <= mobility.end_date:
        raise ValidationError(
            {"last_day": _("The last day of the stay must be within the mobility's dates.")}
        )
    owed = entitlement(mobility.pk, signed)
    if reason == Reduction.Reason.FORCE_MAJEURE:
        if last_day is None:
            raise ValidationError(
                {"last_day": _("Under force majeure, give the last day of the stay.")}
            )
        amount = max(ZERO, owed.agreed - kept_under_force_majeure(mobility, last_day))
        amount -= owed.reduced
        if amount <= ZERO:
            raise ValidationError(
                {
                    "last_day": _(
                        "Under force majeure the participant keeps the grant of the days "
                        "spent: nothing is to be reduced for a stay that ended on that day."
                    )
                }
            )
    elif amount is None or amount <= ZERO:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    if amount > owed.entitled:
        raise ValidationError(
            {
                "amount": _(
                    "At most %(left)s EUR can be reduced: the agreement's amount less the "
                    "reductions already recorded."
                )
                % {"left": money_text(owed.entitled)}
            }
        )
    reduction = Reduction(
        mobility=mobility,
        reason=reason,
        explanation=explanation.strip(),
        amount=amount,
        last_day=last_day,
        recorded_by=user,
    )
    reduction.full_clean()
    reduction.save()
    schedule_sync(mobility_id=mobility.pk)
    return reduction


@transaction.atomic
def reduction_delete(*, reduction: Reduction) -> None:
    """Undo a reduction recorded by mistake: the balance is recomputed."""
    mobility_id = reduction.mobility_id
    reduction.delete()
    schedule_sync(mobility_id=mobility_id)


def finance_rules_update(*, project, **values: int | None) -> ProjectFinance:
    """The project's own finance rules (ProjectFinance's fields by name); the history
    keeps what they were."""
    rules = finance_rules(project)
    for name, value in values.items():
        setattr(rules, name, value)
    rules.full_clean()
    rules.save()
    return rules
