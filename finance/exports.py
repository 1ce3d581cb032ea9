"""The payments as the accountant's file: one row per payment, with the payee's personal
code and bank account, the open amount and the purpose text the bank transfer carries.
The same table serves the page's download and `manage.py payments`."""

from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.money import round_half_up
from core.transfer.exports import csv_bytes, xlsx_bytes

from .models import Payment
from .selectors import Status

FORMATS = ("csv", "xlsx")


def purpose(payment: Payment) -> str:
    """What the bank transfer says: the payment and the agreement's number."""
    # The agreement's reference, from the mobility already fetched; signed on paper, the
    # mobility's own.
    reference = payment.mobility.reference
    if payment.agreement is not None:
        reference = f"{reference}-GA-v{payment.agreement.number}"
    return _("Erasmus+ %(payment)s, grant agreement %(agreement)s") % {
        "payment": payment.get_kind_display().lower(),
        "agreement": reference,
    }


def headers() -> list[str]:
    return [
        _("Payee"),
        _("Personal code"),
        _("IBAN"),
        _("Direction"),
        _("Amount (EUR)"),
        _("Paid (EUR)"),
        _("Open (EUR)"),
        _("Purpose"),
        _("Due date"),
        _("Status"),
        _("Payment"),
        _("Mobility"),
    ]


def rows(payments: Iterable[Payment]) -> list[list]:
    """`payments` as selectors.with_status annotates them, with mobility__participant and
    agreement fetched."""
    table = []
    for payment in payments:
        participant = payment.mobility.participant
        direction = (
            pgettext("money", "from the participant")
            if payment.from_participant
            else pgettext("money", "to the participant")
        )
        table.append(
            [
                participant.full_name,
                participant.national_id,
                participant.iban,
                direction,
                # Cents always: SQLite's sums may drop them.
                round_half_up(Decimal(payment.amount)),
                round_half_up(Decimal(payment.transferred)),
                round_half_up(Decimal(payment.open_amount)),
                purpose(payment),
                payment.due_date,
                str(Status.labels[payment.status]),
                payment.get_kind_display(),
                payment.mobility.reference,
            ]
        )
    return table


def payments_file(payments: Iterable[Payment], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    if fmt == "csv":
        return csv_bytes(headers(), rows(payments))
    return xlsx_bytes(headers(), rows(payments), sheet_title=_("Payments"))
