"""The privacy app's records in the admin: read only (they are evidence), and for the
coordinators of their organisation only, like the pages."""

from django.contrib import admin

from core.admin_scoping import OrganisationScopedAdmin, coordinated_ids

from .models import DataExport, Erasure, RetentionFlag, SensitiveDataAccess


class _RecordAdmin(OrganisationScopedAdmin):
    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.organisation_path}__in": coordinated_ids(request.user)})

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SensitiveDataAccess)
class SensitiveDataAccessAdmin(_RecordAdmin):
    list_display = ["accessed_at", "user_name", "participant_id", "kinds", "where", "organisation"]
    list_filter = ["where"]
    search_fields = ["user_name"]
    list_select_related = ["organisation"]


@admin.register(DataExport)
class DataExportAdmin(_RecordAdmin):
    list_display = ["requested_at", "requested_by_name", "participant_id", "subject", "via"]
    list_filter = ["subject", "via"]


@admin.register(Erasure)
class ErasureAdmin(_RecordAdmin):
    list_display = ["erased_at", "pseudonym", "cause", "erased_by_name", "kept_until"]
    list_filter = ["cause"]


@admin.register(RetentionFlag)
class RetentionFlagAdmin(_RecordAdmin):
    organisation_path = "project__organisation"
    list_display = ["project", "retention_ended_on", "flagged_at", "erased_at"]
    list_select_related = ["project"]
