"""The money that moves between the school and its participants.

A signed grant agreement (online, or on paper with its scan kept) produces the
participant's payments: the pre-financing (the agreement's percentage, due its number of
days before departure) and the balance (due its number of days after the participant's
report and the proof of attendance are in).
Each payment is paid in one or more transfers, the lines of the bank statement. A
reduction (early return, interruption, obligations not met, force majeure) lowers what
the participant is entitled to; when more was paid than that, a repayment claim asks for
the difference back.

The school's real costs (tickets, accommodation, course fees...) are recorded against the
unit-cost income of their budget category, with the invoice and the proof of payment.
Every row keeps its history.
"""

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from budget.choices import BudgetCategory
from mobilities.models import Mobility
from projects.models import Project
from reporting.models import AgreementVersion

MONEY = {"max_digits": 10, "decimal_places": 2}
CENT = Decimal("0.01")


class Recorded(models.Model):
    """Who recorded the row, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        abstract = True


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
    # The agreement's paid parts per budget category, amounts as strings: what each
    # euro transferred comes out of.
    split = models.JSONField(_("paid parts per budget category"), default=dict, blank=True)
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


class Transfer(Recorded):
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


class Reduction(Recorded):
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


def cost_file_path(instance, filename: str) -> str:
    # A random name: the original one is kept in the row, never trusted as a path.
    suffix = PurePath(filename).suffix.lower()
    return f"cost-files/{instance.project_id}/{uuid.uuid4().hex}{suffix}"


class Cost(Recorded):
    """A real cost the school paid or owes a supplier for a mobility (or for the project
    as a whole), against the unit-cost income of a budget category."""

    class Kind(models.TextChoices):
        TICKETS = "tickets", _("Tickets")
        ACCOMMODATION = "accommodation", _("Accommodation")
        SUBSISTENCE = "subsistence", _("Meals and local transport")
        INSURANCE = "insurance", _("Insurance")
        COURSE_FEES = "course_fees", _("Course fees")
        LANGUAGE_COURSE = "language_course", _("Language course")
        VISA = "visa", _("Visas, permits and vaccinations")
        STAFF_TIME = "staff_time", _("Staff time")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="costs", verbose_name=_("project")
    )
    mobility = models.ForeignKey(
        Mobility,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="costs",
        verbose_name=_("mobility"),
        help_text=_("Leave empty for a cost of the project as a whole."),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    category = models.CharField(_("budget category"), max_length=30, choices=BudgetCategory.choices)
    supplier = models.CharField(_("supplier"), max_length=200)
    invoice_number = models.CharField(_("invoice number"), max_length=100, blank=True)
    invoice_date = models.DateField(_("invoice date"))
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(CENT)], **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    # As the European Central Bank writes them: how much of the currency one euro buys,
    # on the day the coordinator chose; 1 for euros.
    exchange_rate = models.DecimalField(
        _("exchange rate (per 1 EUR)"),
        max_digits=14,
        decimal_places=6,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.000001"))],
    )
    amount_eur = models.DecimalField(_("amount (EUR)"), **MONEY)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    invoice = models.FileField(_("invoice"), upload_to=cost_file_path, max_length=255, blank=True)
    invoice_name = models.CharField(_("invoice file name"), max_length=255, blank=True)
    proof_of_payment = models.FileField(
        _("proof of payment"), upload_to=cost_file_path, max_length=255, blank=True
    )
    proof_of_payment_name = models.CharField(
        _("proof of payment file name"), max_length=255, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("real cost")
        verbose_name_plural = _("real costs")
        ordering = ["project_id", "-invoice_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="cost_amount_positive"),
            models.CheckConstraint(
                condition=Q(exchange_rate__gt=0), name="cost_exchange_rate_positive"
            ),
            models.CheckConstraint(
                condition=Q(category__in=BudgetCategory.values), name="cost_category_known"
            ),
        ]

    def __str__(self):
        return f"{self.supplier} {self.invoice_date}: {self.amount_eur} EUR"

    @property
    def is_paid(self) -> bool:
        return self.paid_on is not None


class ProjectFinance(models.Model):
    """The project's own finance rules where the domain reference is silent; a project
    without a row has the defaults."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, primary_key=True, related_name="finance"
    )
    organisational_support_limit_percent = models.PositiveSmallIntegerField(
        _("organisational support the school may use (percentage of its income)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "The quality standards the project follows; the national agency may cut "
            "organisational support when they are not respected."
        ),
    )
    # Limits on the transfers between budget categories that the final figures imply:
    # the domain reference states none, the grant agreement may. Empty: no limit set.
    transfer_out_limit_percent = models.PositiveSmallIntegerField(
        _("at most this share of a category's award may move to other categories (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    transfer_in_limit_percent = models.PositiveSmallIntegerField(
        _("a category may grow by at most this share of its award through transfers (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1000)],
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("finance rules of a project")
        verbose_name_plural = _("finance rules of projects")

    def __str__(self):
        return f"{self.project}: {self.organisational_support_limit_percent} %"
