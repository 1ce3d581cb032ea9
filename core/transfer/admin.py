"""django-import-export in the admin, scoped like OrganisationScopedAdmin: a
non-superuser imports only into the organisations they coordinate (rows of any other
organisation are refused next to their cell) and exports only the rows the changelist
shows them; fewer-opportunities details only from organisations they coordinate."""

from typing import TypeAlias

from django import forms
from django.contrib import messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from import_export.admin import ImportExportMixin
from import_export.forms import SelectableFieldsExportForm
from import_export.results import Result

from ..admin_scoping import coordinated_ids
from .errors import ImportFileError
from .exports import FORMATS

# The resource's arguments naming what the user may import into (None: anything).
ImportScope: TypeAlias = dict[str, list[Model] | Model | None]


class ExportForm(SelectableFieldsExportForm):
    """django-import-export's export form, with its "Select all" box bound by a static
    script: the template's inline handler is refused by the Content-Security-Policy."""

    @property
    def media(self) -> forms.Media:
        media: forms.Media = super().media + forms.Media(js=("js/admin-export.js",))
        return media


class ScopedImportExportMixin(ImportExportMixin):
    import_formats = FORMATS
    export_formats = FORMATS
    export_form_class = ExportForm

    def has_import_permission(self, request: HttpRequest) -> bool:
        allowed: bool = self.has_add_permission(request) and self.has_change_permission(request)
        return allowed

    def has_export_permission(self, request: HttpRequest) -> bool:
        allowed: bool = self.has_view_permission(request)
        return allowed

    def import_scope(self, request: HttpRequest) -> ImportScope:
        """The resource's arguments naming what the user may import into."""
        if request.user.is_superuser:
            return {"organisations": None, "organisation": None}
        organisations = list(
            self._related("organisation")._default_manager.filter(
                pk__in=coordinated_ids(request.user)
            )
        )
        single = organisations[0] if len(organisations) == 1 else None
        return {"organisations": organisations, "organisation": single}

    def _related(self, field: str) -> type[Model]:
        """The model the admin's rows name in `field` (their organisation or project)."""
        related: type[Model] = self.model._meta.get_field(field).related_model
        return related

    def get_import_resource_kwargs(
        self, request: HttpRequest, **kwargs: object
    ) -> dict[str, object]:
        return {
            "user": request.user,
            "language": get_language(),
            "strict": False,
            **self.import_scope(request),
        }

    def get_export_resource_kwargs(
        self, request: HttpRequest, **kwargs: object
    ) -> dict[str, object]:
        return {"user": request.user, "language": get_language()}

    def add_data_read_fail_error_to_form(self, form: forms.Form, e: Exception) -> None:
        if isinstance(e, ImportFileError):
            form.add_error("import_file", e.message)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def process_result(self, result: Result, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # The data changed between the preview and the confirmation.
            messages.error(request, _("Nothing was imported: import the file again to see why."))
            info = (self.model._meta.app_label, self.model._meta.model_name)
            return HttpResponseRedirect(reverse("admin:{}_{}_changelist".format(*info)))
        response: HttpResponse = super().process_result(result, request)
        return response


class ProjectScopedImportExportMixin(ScopedImportExportMixin):
    """For rows of projects (mobilities): each row names its project."""

    def get_export_queryset(self, request: HttpRequest) -> QuerySet[Model]:
        queryset: QuerySet[Model] = super().get_export_queryset(request)
        related = ("project", "participant", "host", "sending_partner", "group", "grant")
        return queryset.select_related(*related).prefetch_related("goals")

    def import_scope(self, request: HttpRequest) -> ImportScope:
        if request.user.is_superuser:
            return {"projects": None, "project": None}
        projects = self._related("project")._default_manager.filter(
            organisation__in=coordinated_ids(request.user)
        )
        return {"projects": list(projects), "project": None}
