"""The reporting records in the admin. Documents are made by the workers: adding one
here queues it through the same service as the pages; a generated document's file, hash
and status are never edited by hand (a stuck one may be deleted)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from core.admin_scoping import OrganisationScopedAdmin, ReadOnlyScopedAdmin
from core.errors import errors_to_form

from . import services
from .models import (
    AgreementVersion,
    DocumentBatch,
    FinalReportAnswer,
    GeneratedDocument,
    GrantAgreementTerms,
    LearningAgreementDetails,
    LearningOutcomeUnit,
    SignatureEvent,
)


class _QueuedByServiceAdmin(OrganisationScopedAdmin):
    """The add form asks what to queue; the service queues it; the rest is read-only."""

    organisation_path = "project__organisation"
    add_fields: list[str] = []
    detail_fields: list[str] = []

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.detail_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.detail_fields

    def has_change_permission(self, request, obj=None):
        # The change page shows the record; nothing on it can be saved.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        queued = self.queue(request, form.cleaned_data)
        for field in ("pk", "version", "requested_at"):
            if hasattr(queued, field):
                setattr(obj, field, getattr(queued, field))

    def queue(self, request, data):
        raise NotImplementedError


class _ValidatedByServiceForm(forms.ModelForm):
    """Runs the service's own checks, so that a refused request is a form error."""

    def validate(self, data):
        raise NotImplementedError

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.validate(data)
        except ValidationError as error:
            errors_to_form(self, error)
        return data


class DocumentAddForm(_ValidatedByServiceForm):
    class Meta:
        model = GeneratedDocument
        fields = ["project", "mobility", "kind", "language"]

    def validate(self, data):
        services.validate_document_request(**data)


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(_QueuedByServiceAdmin):
    form = DocumentAddForm
    add_fields = ["project", "mobility", "kind", "language"]
    detail_fields = [
        "project",
        "mobility",
        "kind",
        "language",
        "version",
        "status",
        "failure_reason",
        "file",
        "sha256",
        "size",
        "batch",
        "requested_by",
        "requested_at",
        "claimed_at",
        "attempts",
        "stale_requeues",
        "finished_at",
    ]
    list_display = [
        "__str__",
        "project",
        "kind",
        "language",
        "version",
        "status",
        "attempts",
        "requested_at",
        "finished_at",
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["project__grant_agreement_number", "mobility__participant__last_name"]
    list_select_related = ["project", "mobility"]
    date_hierarchy = "requested_at"

    def queue(self, request, data):
        return services.document_request(user=request.user, **data)


class BatchAddForm(_ValidatedByServiceForm):
    class Meta:
        model = DocumentBatch
        fields = ["project", "kind", "language"]

    def validate(self, data):
        services.validate_batch_request(**data)


@admin.register(DocumentBatch)
class DocumentBatchAdmin(_QueuedByServiceAdmin):
    form = BatchAddForm
    add_fields = ["project", "kind", "language"]
    detail_fields = ["project", "kind", "language", "requested_by", "requested_at"]
    list_display = ["__str__", "project", "kind", "language", "requested_by", "requested_at"]
    list_filter = ["kind", "language"]
    list_select_related = ["project", "requested_by"]

    def queue(self, request, data):
        return services.document_batch_request(user=request.user, **data)


@admin.register(GrantAgreementTerms)
class GrantAgreementTermsAdmin(OrganisationScopedAdmin):
    organisation_path = "project__organisation"
    list_display = [
        "project",
        "prefinancing_percent",
        "prefinancing_days_before_departure",
        "balance_days_after_report",
        "representative_name",
    ]
    list_select_related = ["project"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Agreements already sent for signing say the old terms (or the defaults).
        services.grant_agreement_terms_changed(project=obj.project, changed=form.changed_data)


class LearningOutcomeUnitInline(admin.StackedInline):
    model = LearningOutcomeUnit
    extra = 0


@admin.register(LearningAgreementDetails)
class LearningAgreementDetailsAdmin(OrganisationScopedAdmin):
    organisation_path = "mobility__project__organisation"
    inlines = [LearningOutcomeUnitInline]
    list_display = ["mobility", "sending_mentor_name", "host_mentor_name", "updated_at"]
    list_select_related = ["mobility__project", "mobility__participant"]
    search_fields = ["mobility__participant__last_name", "learning_outcomes"]


@admin.register(FinalReportAnswer)
class FinalReportAnswerAdmin(OrganisationScopedAdmin):
    organisation_path = "project__organisation"
    list_display = ["project", "section", "updated_by", "updated_at"]
    list_filter = ["section"]
    list_select_related = ["project", "updated_by"]
    readonly_fields = ["updated_by", "updated_at"]


# Online signing: read-only. Versions are made by reporting.signing; signature events are
# append-only (the model and the database refuse changes).


class SignatureEventInline(admin.TabularInline):
    model = SignatureEvent
    fields = [
        "role",
        "typed_name",
        "signer",
        "signed_at",
        "ip_address",
        "auth_method",
        "account_email_changed",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ReadOnlyScopedAdmin):
    organisation_path = "mobility__project__organisation"
    list_display = ["__str__", "mobility", "number", "language", "status", "signed_at"]
    list_filter = ["status", "language"]
    search_fields = ["mobility__participant__last_name", "frozen_sha256", "final_sha256"]
    list_select_related = ["mobility__project", "mobility__participant", "document__project"]
    inlines = [SignatureEventInline]


@admin.register(SignatureEvent)
class SignatureEventAdmin(ReadOnlyScopedAdmin):
    organisation_path = "agreement__mobility__project__organisation"
    list_display = [
        "agreement",
        "role",
        "typed_name",
        "signer",
        "signed_at",
        "auth_method",
        "account_email_changed",
    ]
    list_filter = ["role", "auth_method", "account_email_changed"]
    search_fields = ["typed_name", "signer__username", "document_sha256"]
    list_select_related = ["agreement__document__project", "signer"]
    exclude = ["drawn_signature"]
