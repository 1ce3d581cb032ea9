from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.overview, name="privacy_overview"),
    path(
        "privacy/participants/<int:pk>/export/",
        views.participant_export,
        {"subject": "participant"},
        name="privacy_participant_export",
    ),
    path(
        "privacy/participants/<int:pk>/export/guardian/",
        views.participant_export,
        {"subject": "guardian"},
        name="privacy_guardian_export",
    ),
    path(
        "privacy/participants/<int:pk>/erase/",
        views.participant_erase,
        name="privacy_participant_erase",
    ),
    path(
        "privacy/participants/<int:pk>/access-log/",
        views.participant_access_log,
        name="privacy_participant_access_log",
    ),
    path("privacy/erasures/<int:pk>/", views.erasure_detail, name="privacy_erasure_detail"),
    path(
        "privacy/organisations/<int:pk>/access-log/",
        views.access_log,
        name="privacy_access_log",
    ),
    path(
        "privacy/organisations/<int:pk>/retention/",
        views.retention,
        name="privacy_retention",
    ),
    path(
        "privacy/retention/<int:pk>/erase/", views.retention_erase, name="privacy_retention_erase"
    ),
    # Portal users reach nothing outside /portal/ (portal.middleware).
    path("portal/my-data/", views.portal_data, name="privacy_portal_data"),
    path(
        "portal/my-data/download/",
        views.portal_data_download,
        name="privacy_portal_data_download",
    ),
]
