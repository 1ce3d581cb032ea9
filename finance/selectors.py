"""Reads of payments, with their paid and open amounts and their status computed by the
database, so that a list filters and pages them in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    DecimalField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from budget.choices import BudgetCategory
from core import access
from core.collation import latvian
from core.listing import Filter, ListSpec
from core.money import ZERO
from mobilities.models import Mobility

from .models import Cost, Payment, Reduction, Transfer

AMOUNT = DecimalField(max_digits=12, decimal_places=2)


class Status:
    """A payment's state, as the database computes it (`with_status`)."""

    WAITING = "waiting"
    DUE = "due"
    OVERDUE = "overdue"
    PAID = "paid"
    NOTHING = "nothing"

    choices = [
        (DUE, pgettext_lazy("payment status", "Due")),
        (OVERDUE, _("Overdue")),
        (PAID, _("Paid")),
        (WAITING, _("Waiting for the report and proof of attendance")),
        (NOTHING, _("Nothing to pay")),
    ]
    labels = dict(choices)


URGENCY = (Status.OVERDUE, Status.DUE, Status.WAITING, Status.PAID, Status.NOTHING)


def with_status(queryset: QuerySet[Payment], *, today: datetime.date) -> QuerySet[Payment]:
    """Each payment with `transferred`, `open_amount` and `status` (Status)."""
    transferred = (
        Transfer.objects.filter(payment=OuterRef("pk"))
        .values("payment")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return (
        queryset.annotate(
            transferred=Coalesce(
                Subquery(transferred, output_field=AMOUNT), Value(ZERO), output_field=AMOUNT
            )
        )
        .annotate(
            open_amount=F("amount") - F("transferred"),
            status=Case(
                When(Q(amount=0) & Q(transferred=0), then=Value(Status.NOTHING)),
                When(transferred__gte=F("amount"), then=Value(Status.PAID)),
                When(due_date__isnull=True, then=Value(Status.WAITING)),
                When(due_date__lt=today, then=Value(Status.OVERDUE)),
                default=Value(Status.DUE),
            ),
        )
        .annotate(
            # What needs doing first: the late, then the due, then what waits, then the rest.
            urgency=Case(
                *(When(status=status, then=Value(rank)) for rank, status in enumerate(URGENCY)),
                default=Value(len(URGENCY)),
            )
        )
    )


def project_payments(project, *, today: datetime.date) -> QuerySet[Payment]:
    queryset = Payment.objects.filter(mobility__project=project).select_related(
        "mobility__participant", "mobility__project", "agreement"
    )
    return with_status(queryset, today=today)


def due_months(project) -> list[tuple[str, str]]:
    """The months in which the project's payments fall due, for the month filter."""
    months = (
        Payment.objects.filter(mobility__project=project, due_date__isnull=False)
        .annotate(month=TruncMonth("due_date"))
        .values_list("month", flat=True)
        .distinct()
        .order_by("month")
    )
    return [(m.strftime("%Y-%m"), formats.date_format(m, "YEAR_MONTH_FORMAT")) for m in months]


def _in_month(queryset: QuerySet[Payment], value: str) -> QuerySet[Payment]:
    year, month = (int(part) for part in value.split("-"))
    return queryset.filter(due_date__year=year, due_date__month=month)


def payment_list_spec(project) -> ListSpec:
    return ListSpec(
        search_fields=("mobility__participant__first_name", "mobility__participant__last_name"),
        filters={
            "status": Filter(_("Status"), "status", Status.choices),
            "month": Filter(_("Due in"), _in_month, due_months(project)),
            "kind": Filter(_("Payment"), "kind", Payment.Kind.choices),
        },
        sorts={
            "status": ("urgency", F("due_date").asc(nulls_last=True), "mobility__number", "kind"),
            "due": (F("due_date").asc(nulls_last=True), "mobility__number", "kind"),
            "participant": (
                latvian("mobility__participant__last_name"),
                latvian("mobility__participant__first_name"),
                "mobility__number",
                "kind",
            ),
            "number": ("mobility__number", "kind"),
            "amount": ("amount", "mobility__number", "kind"),
            "open": ("open_amount", "mobility__number", "kind"),
        },
        default_sort="status",
    )


@dataclass(frozen=True)
class Totals:
    due: Decimal
    overdue: Decimal
    paid: Decimal
    waiting: Decimal
    to_recover: Decimal
    overdue_count: int


def payment_totals(project, *, today: datetime.date) -> Totals:
    """What is open, late and paid out over the whole project, and what participants owe back."""
    rows = project_payments(project, today=today).order_by()
    out = ~Q(kind=Payment.Kind.REPAYMENT)
    sums = {
        "due": Sum("open_amount", filter=out & Q(status=Status.DUE)),
        "overdue": Sum("open_amount", filter=out & Q(status=Status.OVERDUE)),
        "waiting": Sum("open_amount", filter=out & Q(status=Status.WAITING)),
        "paid": Sum("transferred", filter=out),
        "to_recover": Sum(
            "open_amount", filter=Q(kind=Payment.Kind.REPAYMENT) & Q(open_amount__gt=0)
        ),
    }
    values = {name: rows.aggregate(v=total)["v"] or ZERO for name, total in sums.items()}
    overdue_count = rows.filter(status=Status.OVERDUE).count()
    return Totals(overdue_count=overdue_count, **values)


def payment_get(user, pk: int) -> Payment:
    queryset = Payment.objects.select_related(
        "mobility__project__organisation", "mobility__participant"
    )
    return access.get_for_user(queryset, user, "mobility__project__organisation", pk=pk)


def transfer_get(user, pk: int) -> Transfer:
    queryset = Transfer.objects.select_related("payment__mobility__project__organisation")
    return access.get_for_user(queryset, user, "payment__mobility__project__organisation", pk=pk)


def reduction_get(user, pk: int) -> Reduction:
    queryset = Reduction.objects.select_related("mobility__project__organisation")
    return access.get_for_user(queryset, user, "mobility__project__organisation", pk=pk)


def mobility_payments(mobility: Mobility, *, today: datetime.date) -> list[Payment]:
    payments = with_status(mobility.payments.select_related("agreement"), today=today)
    payments = list(payments.order_by("kind"))
    order = [Payment.Kind.PREFINANCING, Payment.Kind.BALANCE, Payment.Kind.REPAYMENT]
    transfers = Transfer.objects.filter(payment__in=payments).select_related("recorded_by")
    by_payment: dict[int, list[Transfer]] = {}
    for transfer in transfers.order_by("paid_on", "pk"):
        by_payment.setdefault(transfer.payment_id, []).append(transfer)
    for payment in payments:
        payment.transfer_rows = by_payment.get(payment.pk, [])
    return sorted(payments, key=lambda p: order.index(p.kind))


def project_costs(project) -> QuerySet[Cost]:
    return Cost.objects.filter(project=project).select_related("mobility__participant")


def cost_list_spec() -> ListSpec:
    yes_no = [("yes", _("Yes")), ("no", _("No"))]
    return ListSpec(
        search_fields=(
            "supplier",
            "invoice_number",
            "mobility__participant__first_name",
            "mobility__participant__last_name",
        ),
        filters={
            "category": Filter(_("Budget category"), "category", BudgetCategory.choices),
            "kind": Filter(_("What"), "kind", Cost.Kind.choices),
            "paid": Filter(_("Paid"), lambda qs, v: qs.filter(paid_on__isnull=v == "no"), yes_no),
        },
        sorts={
            "date": ("-invoice_date", "-pk"),
            "supplier": (latvian("supplier"), "pk"),
            "amount": ("amount_eur", "pk"),
            "mobility": ("mobility__number", "pk"),
        },
        default_sort="date",
    )


def cost_get(user, pk: int) -> Cost:
    queryset = Cost.objects.select_related("project__organisation", "mobility")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)
