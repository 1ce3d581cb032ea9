"""Payments, transfers and reductions in the admin, to read: money is recorded on the
finance pages, whose services recompute the schedule and keep the history."""

from django.contrib import admin

from core.admin_scoping import ReadOnlyScopedAdmin

from .models import Cost, Payment, Reduction, Transfer


class _ReadOnlyAdmin(ReadOnlyScopedAdmin):
    viewable_by_members = True


@admin.register(Payment)
class PaymentAdmin(_ReadOnlyAdmin):
    organisation_path = "mobility__project__organisation"
    list_display = ["mobility", "kind", "amount", "due_date"]
    list_filter = ["kind"]
    list_select_related = ["mobility__project", "mobility__participant"]
    search_fields = ["mobility__participant__last_name", "mobility__participant__first_name"]


@admin.register(Transfer)
class TransferAdmin(_ReadOnlyAdmin):
    organisation_path = "payment__mobility__project__organisation"
    list_display = ["payment", "paid_on", "amount", "reference", "recorded_by"]
    list_select_related = ["payment", "recorded_by"]
    search_fields = ["reference"]


@admin.register(Reduction)
class ReductionAdmin(_ReadOnlyAdmin):
    organisation_path = "mobility__project__organisation"
    list_display = ["mobility", "reason", "amount", "last_day", "recorded_by"]
    list_filter = ["reason"]
    list_select_related = ["mobility__project", "mobility__participant", "recorded_by"]


@admin.register(Cost)
class CostAdmin(_ReadOnlyAdmin):
    organisation_path = "project__organisation"
    list_display = ["project", "mobility", "supplier", "invoice_date", "amount_eur", "paid_on"]
    list_filter = ["category", "kind"]
    list_select_related = ["project", "mobility__participant"]
    search_fields = ["supplier", "invoice_number"]
