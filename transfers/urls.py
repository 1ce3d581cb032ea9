from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "format")

app_name = "transfers"

urlpatterns = [
    path("participants/export.<format:fmt>", views.participant_export, name="participant_export"),
    path("participants/import/", views.participant_import, name="participant_import"),
    path("partners/export.<format:fmt>", views.partner_export, name="partner_export"),
    path("partners/import/", views.partner_import, name="partner_import"),
    path(
        "projects/<int:pk>/mobilities/export.<format:fmt>",
        views.mobility_export,
        name="mobility_export",
    ),
    path("projects/<int:pk>/mobilities/import/", views.mobility_import, name="mobility_import"),
    path("projects/<int:pk>/ols/import/", views.ols_import, name="ols_import"),
    path(
        "projects/<int:pk>/beneficiary-module.<format:fmt>",
        views.beneficiary_module_export,
        name="beneficiary_module_export",
    ),
    path(
        "projects/<int:pk>/beneficiary-module/compare/",
        views.beneficiary_module_compare,
        name="beneficiary_module_compare",
    ),
    path(
        "imports/templates/<slug:kind>.<slug:language>.xlsx",
        views.import_template,
        name="import_template",
    ),
    path("imports/<str:token>/", views.import_preview, name="import_preview"),
    path("imports/<str:token>/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/<str:token>/cancel/", views.import_cancel, name="import_cancel"),
    path("imports/<str:token>/done/", views.import_done, name="import_done"),
]
