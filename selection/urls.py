from django.urls import path

from . import views

app_name = "selection"

urlpatterns = [
    path("projects/<int:pk>/selection/", views.call_list, name="selection_call_list"),
    path("projects/<int:pk>/selection/new/", views.call_create, name="selection_call_create"),
    path("selection/<int:pk>/", views.call_detail, name="selection_call_detail"),
    path("selection/<int:pk>/edit/", views.call_edit, name="selection_call_edit"),
    path("selection/<int:pk>/publish/", views.call_publish, name="selection_call_publish"),
    path("selection/<int:pk>/close/", views.call_close, name="selection_call_close"),
    path("selection/<int:pk>/finalise/", views.call_finalise, name="selection_call_finalise"),
    path(
        "selection/<int:pk>/applications/new/",
        views.application_create,
        name="selection_application_create",
    ),
    path(
        "selection/applications/<int:pk>/edit/",
        views.application_edit,
        name="selection_application_edit",
    ),
    path(
        "selection/applications/<int:pk>/score/",
        views.application_score,
        name="selection_application_score",
    ),
    path("selection/<int:pk>/decisions/", views.call_decisions, name="selection_call_decisions"),
    path(
        "selection/<int:pk>/decisions/propose/",
        views.call_propose,
        name="selection_call_propose",
    ),
    path("selection/<int:pk>/record/", views.call_record, name="selection_call_record"),
    path(
        "selection/<int:pk>/publish/paper/",
        views.call_publish_paper,
        name="selection_call_publish_paper",
    ),
    path(
        "selection/applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="selection_application_withdraw",
    ),
    path(
        "selection/<int:pk>/mobility-plan/",
        views.call_mobility_plan,
        name="selection_call_mobility_plan",
    ),
    path(
        "selection/<int:pk>/mobilities/",
        views.call_mobilities,
        name="selection_call_mobilities",
    ),
]
