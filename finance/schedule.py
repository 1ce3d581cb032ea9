"""A mobility's payments, from its signed grant agreement (online or on paper).

`schedule_sync` is the one place that decides what the participant is owed and when:
it runs when an agreement is signed, a reduction or a transfer is recorded or undone, the
participant's report changes, and the proof of attendance is uploaded or removed. It is
idempotent and writes a row only when something changed, so that the history shows
real changes only.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from budget.rules.share import Handling, ShareHead, category_of
from core.money import ZERO, round_half_up
from mobilities.models import Mobility, MobilityFile, ParticipantReport
from reporting.documents import grant_agreement_terms
from reporting.models import AgreementVersion
from reporting.share import participant_share

from .models import Payment, Reduction

Kind = Payment.Kind
PAID = Handling.PAID.value
# What was paid beyond the grant is repaid within 30 days of the school's claim, as every
# grant agreement says (templates/pdf/_grant_agreement_text.html).
REPAYMENT_DAYS = 30


def agreed_amount(agreement: AgreementVersion) -> Decimal:
    """What the signed agreement pays the participant (in kind and the school's parts
    are not paid out)."""
    return Decimal((agreement.participant_share or {}).get("paid") or "0.00")


def latest_signed(mobility_id: int) -> AgreementVersion | None:
    """The latest version that was signed, superseded since or not: its amounts apply
    until a newer one is signed."""
    versions = AgreementVersion.objects.filter(mobility_id=mobility_id, signed_at__isnull=False)
    return versions.order_by("-number").first()


@dataclass(frozen=True)
class Signed:
    """The agreement the payments follow: a signed version, or None when it was signed on
    paper, and what it pays the participant."""

    agreement: AgreementVersion | None
    agreed: Decimal
    # The paid parts per budget category, amounts as strings (Payment.split).
    split: dict[str, str] = field(default_factory=dict)

    @property
    def on_paper(self) -> bool:
        return self.agreement is None


def signed_agreement(mobility: Mobility) -> Signed | None:
    """Signed online (the latest signed version), or on paper: a scan kept for a mobility
    whose agreement was never sent for online signing, which pays what the mobility's
    grant and its rules pay the participant today (as the dashboard counts it)."""
    version = latest_signed(mobility.pk)
    if version is not None:
        lines = (version.participant_share or {}).get("lines", [])
        paid = [(head, amount) for head, amount, handling, *_note in lines if handling == PAID]
        return Signed(version, agreed_amount(version), _by_category(paid))
    on_paper = mobility.files.filter(kind=MobilityFile.Kind.GRANT_AGREEMENT).exists()
    if on_paper and not mobility.agreement_versions.exists():
        share = participant_share(mobility)
        paid = [(row.head, row.amount) for row in share.paid]
        return Signed(None, share.split.paid_total, _by_category(paid))
    return None


def _by_category(paid) -> dict[str, str]:
    split: dict[str, Decimal] = {}
    for head, amount in paid:
        category = str(category_of(ShareHead(head)))
        split[category] = split.get(category, ZERO) + Decimal(amount)
    return {category: str(amount) for category, amount in split.items()}


def balance_ready(mobility: Mobility) -> bool:
    """The balance is due once the participant's report and the proof of attendance are in."""
    return (
        mobility.participant_report == ParticipantReport.SUBMITTED
        and mobility.files.filter(kind=MobilityFile.Kind.ATTENDANCE_PROOF).exists()
    )


@dataclass(frozen=True)
class Entitlement:
    agreed: Decimal
    reduced: Decimal

    @property
    def entitled(self) -> Decimal:
        return max(ZERO, self.agreed - self.reduced)


def entitlement(mobility_id: int, signed: Signed) -> Entitlement:
    reduced = Reduction.objects.filter(mobility_id=mobility_id).aggregate(s=Sum("amount"))["s"]
    return Entitlement(signed.agreed, reduced or ZERO)


def transferred(payment: Payment | None) -> Decimal:
    if payment is None or payment.pk is None:
        return ZERO
    return payment.transfers.aggregate(s=Sum("amount"))["s"] or ZERO


@transaction.atomic
def schedule_sync(*, mobility_id: int, today: datetime.date | None = None) -> list[Payment]:
    """Bring the mobility's payments in line with its agreement, reductions, transfers and
    follow-up; returns them. Nothing happens before an agreement is signed."""
    today = today or timezone.localdate()
    mobility = Mobility.objects.select_for_update().select_related("project").get(pk=mobility_id)
    signed = signed_agreement(mobility)
    if signed is None:
        return []
    terms = grant_agreement_terms(mobility.project)
    owed = entitlement(mobility_id, signed)
    existing = {p.kind: p for p in Payment.objects.select_for_update().filter(mobility=mobility)}
    pre, balance = existing.get(Kind.PREFINANCING), existing.get(Kind.BALANCE)
    paid_pre, paid_balance = transferred(pre), transferred(balance)

    # Once money went out as pre-financing, its amount stays what it was.
    if pre is not None and paid_pre:
        pre_amount = pre.amount
    else:
        pre_amount = min(round_half_up(owed.agreed * terms.prefinancing_share), owed.entitled)
    pre_due = mobility.start_date - datetime.timedelta(
        days=terms.prefinancing_days_before_departure
    )
    balance_amount = max(ZERO, owed.entitled - pre_amount)
    balance_due = None
    if balance_ready(mobility):
        kept = balance.due_date if balance is not None else None
        balance_due = kept or today + datetime.timedelta(days=terms.balance_days_after_report)
    repayment_amount = max(ZERO, paid_pre + paid_balance - owed.entitled)
    repayment = existing.get(Kind.REPAYMENT)
    repayment_due = (
        repayment.due_date
        if repayment is not None and repayment.due_date
        else today + datetime.timedelta(days=REPAYMENT_DAYS)
    )

    wanted = [
        (Kind.PREFINANCING, pre, pre_amount, pre_due),
        (Kind.BALANCE, balance, balance_amount, balance_due),
        (Kind.REPAYMENT, repayment, repayment_amount, repayment_due),
    ]
    payments = []
    for kind, payment, amount, due in wanted:
        if payment is None:
            # A payment of nothing is not made: no row until there is an amount.
            if not amount:
                continue
            payment = Payment(mobility=mobility, kind=kind)
        agreement = signed.agreement
        wanted_values = (False, agreement.pk if agreement else None, amount, due, signed.split)
        current = (payment.pk is None, payment.agreement_id, payment.amount, payment.due_date)
        if (*current, payment.split) != wanted_values:
            payment.agreement, payment.amount, payment.due_date = agreement, amount, due
            payment.split = signed.split
            payment.save()
        payments.append(payment)
    return payments
