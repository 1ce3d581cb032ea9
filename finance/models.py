"""The money that moves between the school and its participants.

A signed grant agreement (online, or on paper with its scan kept) produces the
participant's payments: the pre-financing (the agreement's percentage, due its number of
days before departure) and the balance (due its number of days after the participant's
report and the proof of attendance are in).
Each payment is paid in one or more transfers, the lines of the bank statement. A
reduction (early return, interruption, obligations not met, force majeure) lowers what
the participant is entitled to; when more was paid than that, a repayment claim asks for
the difference back. Every row keeps its history.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mobilities.models import Mobility
from reporting.models import AgreementVersion

MONEY = {"max_digits": 10, "decimal_places": 2}
CENT = Decimal("0.01")


class Payment(models.Model):
    class Kind(models.TextChoices):
        PREFINANCING = "prefinancing", _("Pre-financing")
        BALANCE = "balance", _("Balance")
        REPAYMENT = "repayment", _("Repayment claim")

    # Money records outlive any change of their mobility.
    mobility = models.ForeignKey(
        Mobility, on_delete=models.PROTECT, related_name="payments", verbose_name=_("mobility")
    )
    # The signed version whose amounts apply: the latest one signed; none when the
    # agreement was signed on paper (its scan is kept with the mobility).
    agreement = models.ForeignKey(
        AgreementVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name=_("grant agreement"),
    )
    kind = models.CharField(_("payment"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount (EUR)"), validators=[MinValueValidator(Decimal("0"))], **MONEY
    )
    # A balance has no due date until the participant's report and the proof of attendance
    # are in.
    due_date = models.DateField(_("due date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["mobility_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["mobility", "kind"], name="payment_one_per_kind"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(kind__in=["prefinancing", "balance", "repayment"]),
                name="payment_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.mobility_id} {self.get_kind_display()}: {self.amount}"

    @property
    def from_participant(self) -> bool:
        """A repayment claim is money the participant pays back to the school."""
        return self.kind == self.Kind.REPAYMENT


class Transfer(models.Model):
    """Money that moved for a payment, as the bank statement shows it."""

    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, related_name="transfers", verbose_name=_("payment")
    )
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (EUR)"), validators=[MinValueValidator(CENT)], **MONEY)
    reference = models.CharField(
        _("reference"),
        max_length=140,
        help_text=_("The line of the bank statement, e.g. its transaction number."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["payment_id", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="transfer_amount_positive"),
        ]

    def __str__(self):
        return f"{self.paid_on} {self.amount} {self.reference}"


class Reduction(models.Model):
    class Reason(models.TextChoices):
        EARLY_RETURN = "early_return", _("Early return")
        INTERRUPTION = "interruption", _("Interruption")
        OBLIGATIONS_NOT_MET = "obligations_not_met", _("Obligations not met")
        FORCE_MAJEURE = "force_majeure", _("Force majeure")

    mobility = models.ForeignKey(
        Mobility, on_delete=models.PROTECT, related_name="reductions", verbose_name=_("mobility")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    explanation = models.TextField(
        _("what happened"), help_text=_("Kept with the payments for the national agency.")
    )
    # The last day abroad, when the stay ended early: force majeure keeps the grant of the
    # days actually spent.
    last_day = models.DateField(_("last day of the stay"), null=True, blank=True)
    amount = models.DecimalField(
        _("reduction (EUR)"), validators=[MinValueValidator(CENT)], **MONEY
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reduction")
        verbose_name_plural = _("reductions")
        ordering = ["mobility_id", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="reduction_amount_positive"),
            models.CheckConstraint(
                condition=Q(
                    reason__in=[
                        "early_return",
                        "interruption",
                        "obligations_not_met",
                        "force_majeure",
                    ]
                ),
                name="reduction_reason_known",
            ),
            models.CheckConstraint(
                condition=~Q(reason="force_majeure") | Q(last_day__isnull=False),
                name="reduction_force_majeure_has_last_day",
            ),
        ]

    def __str__(self):
        return f"{self.mobility_id} {self.get_reason_display()}: {self.amount}"
