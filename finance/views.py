"""The finance officer's pages: a project's payments, one mobility's money, recording a
transfer or a reduction, undoing one (asked first), and the accountant's download.
Viewers read every page but the download (personal codes and bank accounts) and change
nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import access
from core.confirmation import Confirmation, render_confirmation
from core.errors import errors_to_form
from core.listing import filtered, list_page
from core.money import money_text
from core.transfer.exports import file_response
from mobilities.selectors import mobility_get
from projects.selectors import project_get

from . import exports, selectors, services
from .forms import ReductionForm, TransferForm
from .models import Payment
from .schedule import entitlement, signed_agreement


@login_required
def payment_list(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    today = timezone.localdate()
    spec = selectors.payment_list_spec(project)
    listing = list_page(selectors.project_payments(project, today=today), request.GET, spec)
    context = {
        "project": project,
        "listing": listing,
        "totals": selectors.payment_totals(project, today=today),
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
        "Status": selectors.Status,
    }
    return render(request, "finance/payment_list.html", context)


@login_required
def payment_export(request, pk: int, fmt: str):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    if fmt not in exports.FORMATS:
        raise Http404
    # Personal codes and bank accounts: the coordinators' only.
    access.require_coordinator(request.user, project.organisation_id)
    payments = selectors.project_payments(project, today=timezone.localdate())
    payments, *_rest = filtered(payments, request.GET, selectors.payment_list_spec(project))
    content = exports.payments_file(payments, fmt)
    return file_response(content, fmt, f"{project.grant_agreement_number}-payments")


@login_required
def mobility_money(request, pk: int):
    mobility = mobility_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    signed = signed_agreement(mobility)
    context = {
        "mobility": mobility,
        "project": mobility.project,
        "signed": signed,
        "owed": entitlement(mobility.pk, signed) if signed else None,
        "payments": selectors.mobility_payments(mobility, today=timezone.localdate()),
        "reductions": mobility.reductions.select_related("recorded_by").order_by("recorded_at"),
        "is_coordinator": access.is_coordinator(request.user, mobility.project.organisation_id),
        "Status": selectors.Status,
    }
    return render(request, "finance/mobility_money.html", context)


def _back(request, mobility) -> str:
    """Back to the payments list when the form was opened from it, else to the mobility."""
    if request.GET.get("from") == "list":
        return reverse("finance:payment_list", args=[mobility.project_id])
    return reverse("finance:mobility_money", args=[mobility.pk])


@login_required
def transfer_create(request, pk: int):
    payment = selectors.payment_get(request.user, pk)
    mobility = payment.mobility
    access.require_coordinator(request.user, mobility.project.organisation_id)
    payment = selectors.with_status(
        Payment.objects.filter(pk=payment.pk), today=timezone.localdate()
    )
    payment = payment.select_related("mobility__participant", "mobility__project").get()
    initial = {"paid_on": timezone.localdate(), "amount": max(payment.open_amount, 0) or None}
    form = TransferForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.transfer_record(payment=payment, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("%(amount)s EUR recorded for %(participant)s.")
                % {
                    "amount": money_text(form.cleaned_data["amount"]),
                    "participant": mobility.participant,
                },
            )
            return redirect(_back(request, mobility))
    context = {
        "form": form,
        "payment": payment,
        "mobility": mobility,
        "project": mobility.project,
        "back": _back(request, mobility),
    }
    return render(request, "finance/transfer_form.html", context)


@login_required
def transfer_delete(request, pk: int):
    transfer = selectors.transfer_get(request.user, pk)
    mobility = transfer.payment.mobility
    access.require_coordinator(request.user, mobility.project.organisation_id)
    back = reverse("finance:mobility_money", args=[mobility.pk])
    if request.method == "POST":
        services.transfer_delete(transfer=transfer)
        messages.success(request, _("The transfer was removed; the payment is open again."))
        return redirect(back)
    confirmation = Confirmation(
        question=_("Remove this transfer?"),
        confirm_label=_("Remove the transfer"),
        cancel_url=back,
        facts=[
            (_("Payment"), transfer.payment.get_kind_display()),
            (_("Paid on"), transfer.paid_on),
            (_("Amount (EUR)"), money_text(transfer.amount)),
            (_("Reference"), transfer.reference),
        ],
        losses=[_("The payment counts this money as not paid.")],
        kept=[_("The history keeps the transfer and who removed it.")],
    )
    return render_confirmation(request, confirmation)


@login_required
def reduction_create(request, pk: int):
    mobility = mobility_get(request.user, pk)
    access.require_coordinator(request.user, mobility.project.organisation_id)
    signed = signed_agreement(mobility)
    if signed is None:
        messages.error(request, _("The mobility has no signed grant agreement to reduce."))
        return redirect("finance:mobility_money", pk=mobility.pk)
    form = ReductionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reduction = services.reduction_record(
                mobility=mobility, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("The grant was reduced by %(amount)s EUR.")
                % {"amount": money_text(reduction.amount)},
            )
            return redirect("finance:mobility_money", pk=mobility.pk)
    context = {
        "form": form,
        "mobility": mobility,
        "project": mobility.project,
        "owed": entitlement(mobility.pk, signed),
    }
    return render(request, "finance/reduction_form.html", context)


@login_required
def reduction_delete(request, pk: int):
    reduction = selectors.reduction_get(request.user, pk)
    mobility = reduction.mobility
    access.require_coordinator(request.user, mobility.project.organisation_id)
    back = reverse("finance:mobility_money", args=[mobility.pk])
    if request.method == "POST":
        services.reduction_delete(reduction=reduction)
        messages.success(request, _("The reduction was removed; the balance was computed again."))
        return redirect(back)
    confirmation = Confirmation(
        question=_("Remove this reduction?"),
        confirm_label=_("Remove the reduction"),
        cancel_url=back,
        facts=[
            (_("Reason"), reduction.get_reason_display()),
            (_("Reduction (EUR)"), money_text(reduction.amount)),
            (_("What happened"), reduction.explanation),
        ],
        losses=[_("The participant is entitled to this amount again.")],
        kept=[_("The history keeps the reduction and who removed it.")],
    )
    return render_confirmation(request, confirmation)
