from django.urls import path

from . import views

app_name = "finance"

urlpatterns = [
    path("projects/<int:pk>/payments/", views.payment_list, name="payment_list"),
    path(
        "projects/<int:pk>/payments/export.<str:fmt>",
        views.payment_export,
        name="payment_export",
    ),
    path("mobilities/<int:pk>/money/", views.mobility_money, name="mobility_money"),
    path("mobilities/<int:pk>/reductions/new/", views.reduction_create, name="reduction_create"),
    path("payments/<int:pk>/transfers/new/", views.transfer_create, name="transfer_create"),
    path("transfers/<int:pk>/delete/", views.transfer_delete, name="transfer_delete"),
    path("reductions/<int:pk>/delete/", views.reduction_delete, name="reduction_delete"),
]

urlpatterns += [
    path("projects/<int:pk>/finance/", views.finance_overview, name="finance_overview"),
    path("projects/<int:pk>/finance/final/", views.final_figures, name="final_figures"),
    path("projects/<int:pk>/finance/rules/", views.finance_rules_edit, name="finance_rules_edit"),
    path("projects/<int:pk>/costs/", views.cost_list, name="cost_list"),
    path("projects/<int:pk>/costs/new/", views.cost_create, name="cost_create"),
    path("costs/<int:pk>/", views.cost_edit, name="cost_edit"),
    path("costs/<int:pk>/delete/", views.cost_delete, name="cost_delete"),
    path("costs/<int:pk>/<str:which>/", views.cost_file, name="cost_file"),
]
