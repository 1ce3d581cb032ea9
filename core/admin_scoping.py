"""Organisation scoping for the Django admin.

Admin users need Django's model permissions as usual; on top, a non-superuser sees only
the rows of the organisations they belong to, changes them only as a coordinator there,
and picks related objects only among those organisations' records.
"""

from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib import admin
from django.db import models
from django.db.models import Model, QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import HttpRequest

from . import access

if TYPE_CHECKING:
    from django.contrib.admin.options import BaseModelAdmin

    # The mixin is combined with a ModelAdmin or an inline: their methods are its super()'s.
    _AdminBase = BaseModelAdmin[Model]
    _ModelAdmin = admin.ModelAdmin[Model]
else:
    _AdminBase = object
    _ModelAdmin = admin.ModelAdmin

_Choices = TypeVar("_Choices", bound="ModelChoiceField[Model] | None")

# Each model that can be chosen in a related field, and its path to the organisation.
RELATED_PATHS = {
    "organisation": "pk",
    "erasmusplan": "organisation",
    "goal": "plan__organisation",
    "project": "organisation",
    "partnerorganisation": "organisation",
    "participant": "organisation",
    "mobilitygroup": "project__organisation",
    "mobility": "project__organisation",
    "selectioncall": "project__organisation",
    "selectioncriterion": "call__project__organisation",
    "selectionapplication": "call__project__organisation",
}


def coordinated_ids(user: "access.RequestUser") -> list[int]:
    return access.organisation_ids(user, role=access.Role.COORDINATOR)


class ScopedChoicesMixin(_AdminBase):
    """Related choices limited to the organisations the user coordinates."""

    def _scope_choices(self, field: _Choices, request: HttpRequest) -> _Choices:
        queryset: QuerySet[Model] | None = getattr(field, "queryset", None)
        if field is None or request.user.is_superuser or queryset is None:
            return field
        path = RELATED_PATHS.get(queryset.model._meta.model_name or "")
        if path is not None:
            ids = coordinated_ids(request.user)
            field.queryset = queryset.filter(**{f"{path}__in": ids})
        return field

    def formfield_for_foreignkey(
        self, db_field: "models.ForeignKey[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "ModelChoiceField[Model] | None":
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return self._scope_choices(field, request)

    def formfield_for_manytomany(
        self, db_field: "models.ManyToManyField[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> "ModelMultipleChoiceField[Model] | None":
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return self._scope_choices(field, request)


class OrganisationScopedAdmin(ScopedChoicesMixin, _ModelAdmin):
    """`organisation_path` leads from the model to its Organisation."""

    organisation_path = "organisation"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Model]:
        return access.scope(super().get_queryset(request), request.user, self.organisation_path)

    def organisation_id_of(self, obj: Model) -> int:
        """The id at the end of `organisation_path` ("pk" for an organisation itself)."""
        target: Any = obj  # what the path leads to: a model, or at its end an id
        for step in self.organisation_path.split("__"):
            target = getattr(target, step)
        organisation_id: int = target.pk if isinstance(target, models.Model) else target
        return organisation_id

    def _may_change(self, request: HttpRequest, obj: Model | None) -> bool:
        if request.user.is_superuser:
            return True
        if obj is None:
            return bool(coordinated_ids(request.user))
        return access.is_coordinator(request.user, self.organisation_id_of(obj))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return super().has_module_permission(request) and (
            request.user.is_superuser or bool(access.organisation_ids(request.user))
        )

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return super().has_add_permission(request, *args) and self._may_change(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


class ReadOnlyScopedAdmin(OrganisationScopedAdmin):
    """Records the admin reads and never adds, changes or deletes: the app's pages and
    services write them. `viewable_by_members`: every admin user of the organisation
    reads them, without the model's view permission."""

    viewable_by_members = False

    def has_add_permission(self, request: HttpRequest, *args: object) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self.viewable_by_members:
            return self.has_module_permission(request)
        return super().has_view_permission(request, obj)
