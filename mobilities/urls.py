from django.urls import path

from . import views
from .views import follow_up as views_follow_up

app_name = "mobilities"

urlpatterns = [
    path("projects/<int:pk>/mobilities/", views.mobility_list, name="mobility_list"),
    path("projects/<int:pk>/mobilities/new/", views.mobility_create, name="mobility_create"),
    path("projects/<int:pk>/mobilities/preview/", views.mobility_preview, name="mobility_preview"),
    path("projects/<int:pk>/groups/new/", views_follow_up.group_create, name="group_create"),
    path("mobilities/<int:pk>/", views.mobility_detail, name="mobility_detail"),
    path("mobilities/<int:pk>/edit/", views.mobility_edit, name="mobility_edit"),
    path("mobilities/<int:pk>/cancel/", views.mobility_cancel, name="mobility_cancel"),
    path(
        "mobilities/<int:pk>/preparation/new/",
        views_follow_up.preparation_item_edit,
        name="preparation_item_create",
    ),
    path(
        "mobilities/<int:pk>/preparation/<int:item_pk>/",
        views_follow_up.preparation_item_edit,
        name="preparation_item_edit",
    ),
    path(
        "mobilities/<int:pk>/preparation/<int:item_pk>/done/",
        views_follow_up.preparation_item_done,
        name="preparation_item_done",
    ),
    path(
        "mobilities/<int:pk>/notes/",
        views_follow_up.monitoring_note_add,
        name="monitoring_note_add",
    ),
    path(
        "mobilities/<int:pk>/europass/",
        views_follow_up.mobility_europass_edit,
        name="mobility_europass_edit",
    ),
    path(
        "mobilities/<int:pk>/files/",
        views_follow_up.mobility_file_upload,
        name="mobility_file_upload",
    ),
    path("files/<int:pk>/", views_follow_up.mobility_file_download, name="mobility_file_download"),
    path(
        "files/<int:pk>/delete/", views_follow_up.mobility_file_delete, name="mobility_file_delete"
    ),
    path("groups/<int:pk>/", views_follow_up.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views_follow_up.group_edit, name="group_edit"),
]
