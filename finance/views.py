"""The finance officer's pages: the project's money per budget category, its payments,
its real costs, one mobility's money; recording a transfer, a reduction or a cost, undoing
one (asked first), and the accountant's download. Viewers read every page but the
download (personal codes and bank accounts) and change nothing."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from budget.rules.transfers import rule_text
from core import access
from core.confirmation import Confirmation, render_confirmation
from core.downloads import private_stored_file
from core.errors import errors_to_form
from core.listing import filtered, list_page
from core.money import money_text
from core.transfer.exports import file_response
from mobilities.selectors import mobility_get
from projects.selectors import project_get

from . import costs, exports, selectors, services
from .final import final_report_figures
from .forms import CostForm, FinanceRulesForm, ReductionForm, TransferForm
from .models import Cost, Payment
from .overview import finance_rules, mobility_overview, project_overview, without_costs_text
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
        "money": mobility_overview(mobility),
        "costs": mobility.costs.order_by("-invoice_date", "pk"),
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


# The school's real costs and the overview


@login_required
def finance_overview(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    overview = project_overview(project)
    context = {
        "project": project,
        "overview": overview,
        "without_costs_text": without_costs_text(overview.without_costs_count),
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "finance/overview.html", context)


@login_required
def finance_rules_edit(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    rules = finance_rules(project)
    initial = {name: getattr(rules, name) for name in FinanceRulesForm.FIELDS}
    form = FinanceRulesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.finance_rules_update(project=project, **form.cleaned_data)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(request, _("The project's finance rules were saved."))
            return redirect("finance:finance_overview", pk=project.pk)
    return render(request, "finance/rules_form.html", {"form": form, "project": project})


@login_required
def cost_list(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    listing = list_page(selectors.project_costs(project), request.GET, selectors.cost_list_spec())
    context = {
        "project": project,
        "listing": listing,
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "finance/cost_list.html", context)


@login_required
def cost_create(request, pk: int):
    project = project_get(request.user, pk)
    access.require_coordinator(request.user, project.organisation_id)
    cost = Cost(project=project)
    initial = {"currency": "EUR"}
    mobility_id = request.GET.get("mobility", "")
    if mobility_id.isdigit():
        initial["mobility"] = project.mobilities.filter(pk=int(mobility_id)).first()
    return _cost_form(request, project, cost, initial)


@login_required
def cost_edit(request, pk: int):
    cost = selectors.cost_get(request.user, pk)
    access.require_coordinator(request.user, cost.project.organisation_id)
    initial = {name: getattr(cost, name) for name in costs.FIELDS}
    return _cost_form(request, cost.project, cost, initial)


def _cost_back(cost) -> str:
    if cost.mobility_id:
        return reverse("finance:mobility_money", args=[cost.mobility_id])
    return reverse("finance:cost_list", args=[cost.project_id])


def _cost_form(request, project, cost: Cost, initial: dict):
    form = CostForm(request.POST or None, request.FILES or None, initial=initial, project=project)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name in costs.FIELDS}
        files = {name: form.cleaned_data.get(name) for name in costs.FILES}
        try:
            cost = costs.cost_save(cost=cost, data=data, files=files, user=request.user)
        except ValidationError as error:
            errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("The cost of %(amount)s EUR from %(supplier)s was saved.")
                % {"amount": money_text(cost.amount_eur), "supplier": cost.supplier},
            )
            return redirect(_cost_back(cost))
    context = {"form": form, "project": project, "cost": cost}
    return render(request, "finance/cost_form.html", context)


@login_required
def cost_delete(request, pk: int):
    cost = selectors.cost_get(request.user, pk)
    access.require_coordinator(request.user, cost.project.organisation_id)
    back = _cost_back(cost)
    if request.method == "POST":
        costs.cost_delete(cost=cost, user=request.user)
        messages.success(request, _("The cost was deleted."))
        return redirect(back)
    confirmation = Confirmation(
        question=_("Delete this cost?"),
        confirm_label=_("Delete the cost"),
        cancel_url=back,
        facts=[
            (_("Supplier"), cost.supplier),
            (_("Invoice date"), cost.invoice_date),
            (_("Amount (EUR)"), money_text(cost.amount_eur)),
            (_("Budget category"), cost.get_category_display()),
        ],
        losses=[_("The cost and its invoice and proof of payment files.")],
        kept=[_("The history keeps the cost and who deleted it.")],
    )
    return render_confirmation(request, confirmation)


@login_required
def cost_file(request, pk: int, which: str):
    cost = selectors.cost_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    if which not in costs.FILES or not getattr(cost, which):
        raise Http404
    stored = getattr(cost, which)
    name = getattr(cost, costs.FILES[which]) or stored.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return private_stored_file(stored, filename=name, content_type=content_type)


@login_required
def final_figures(request, pk: int):
    project = project_get(request.user, pk)
    if refused := access.read_only(request):
        return refused
    report = final_report_figures(project)
    context = {
        "project": project,
        "report": report,
        "figures": report.figures,
        "rules": [
            {"rule": rule, "text": rule_text(rule, report.settings.get(rule.setting or ""))}
            for rule in report.rules
        ],
        "is_coordinator": access.is_coordinator(request.user, project.organisation_id),
    }
    return render(request, "finance/final_figures.html", context)
