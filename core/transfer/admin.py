"""django-import-export in the admin, scoped like OrganisationScopedAdmin: a
non-superuser imports only into the organisations they coordinate (rows of any other
organisation are refused next to their cell) and exports only the rows the changelist
shows them; fewer-opportunities details only from organisations they coordinate."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import SelectableFieldsExportForm

from ..admin_scoping import coordinated_ids
from .errors import ImportFileError
from .exports import FORMATS


class ExportForm(SelectableFieldsExportForm):
    """django-import-export's export form, with its "Select all" box bound by a static
    script: the template's inline handler is refused by the Content-Security-Policy."""

    @property
    def media(self):
        return super().media + forms.Media(js=("js/admin-export.js",))


class ScopedImportExportMixin(ImportExportMixin):
    import_formats = FORMATS
    export_formats = FORMATS
    export_form_class = ExportForm

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def import_scope(self, request) -> dict:
        """The resource's arguments naming what the user may import into."""
        if request.user.is_superuser:
            return {"organisations": None, "organisation": None}
        organisations = list(
            self._related("organisation").objects.filter(pk__in=coordinated_ids(request.user))
        )
        single = organisations[0] if len(organisations) == 1 else None
        return {"organisations": organisations, "organisation": single}

    def _related(self, field: str):
        """The model the admin's rows name in `field` (their organisation or project)."""
        return self.model._meta.get_field(field).related_model

    def get_import_resource_kwargs(self, request, **kwargs):
        return {
            "user": request.user,
            "language": get_language(),
            "strict": False,
            **self.import_scope(request),
        }

    def get_export_resource_kwargs(self, request, **kwargs):
        return {"user": request.user, "language": get_language()}

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileError):
            form.add_error("import_file", e.message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the preview and the confirmation.
            messages.error(request, _("Nothing was imported: import the file again to see why."))
            info = (self.model._meta.app_label, self.model._meta.model_name)
            return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*info)))
        return super().process_result(result, request)


class ProjectScopedImportExportMixin(ScopedImportExportMixin):
    """For rows of projects (mobilities): each row names its project."""

    def get_export_queryset(self, request):
        queryset = super().get_export_queryset(request)
        related = ("project", "participant", "host", "sending_partner", "group", "grant")
        return queryset.select_related(*related).prefetch_related("goals")

    def import_scope(self, request) -> dict:
        if request.user.is_superuser:
            return {"projects": None, "project": None}
        projects = self._related("project").objects.filter(
            organisation__in=coordinated_ids(request.user)
        )
        return {"projects": list(projects), "project": None}
