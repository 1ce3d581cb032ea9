from django.urls import path

from . import signing, views

app_name = "portal"

urlpatterns = [
    path("portal/", views.portal_home, name="portal_home"),
    # Before the token's pattern, which would match it too.
    path(
        "portal/invitation/set-password/",
        views.invitation_password,
        name="portal_invitation_password",
    ),
    path("portal/invitation/<str:token>/", views.invitation_open, name="portal_invitation"),
    path("portal/password/", views.PortalPasswordChangeView.as_view(), name="portal_password"),
    path("portal/mobilities/<int:pk>/", views.portal_mobility, name="portal_mobility"),
    path(
        "portal/mobilities/<int:pk>/requests/<int:request_pk>/upload/",
        views.portal_file_upload,
        name="portal_file_upload",
    ),
    path(
        "portal/mobilities/<int:pk>/report/",
        views.portal_report_confirm,
        name="portal_report_confirm",
    ),
    path(
        "portal/mobilities/<int:pk>/questionnaire/<str:stage>/",
        views.portal_survey,
        name="portal_survey",
    ),
    path(
        "portal/documents/<int:pk>/",
        views.portal_document_download,
        name="portal_document_download",
    ),
    path("portal/files/<int:pk>/", views.portal_file_download, name="portal_file_download"),
    path("portal/agreements/<int:pk>/", signing.portal_agreement, name="portal_agreement"),
    path(
        "portal/agreements/<int:pk>/agreement.pdf",
        signing.portal_agreement_pdf,
        name="portal_agreement_pdf",
    ),
    path(
        "portal/agreements/<int:pk>/signed.pdf",
        signing.portal_agreement_signed_pdf,
        name="portal_agreement_signed_pdf",
    ),
    # The coordinator's actions, from the mobility page.
    path("mobilities/<int:pk>/portal/invite/", views.portal_invite, name="portal_invite"),
    path(
        "mobilities/<int:pk>/portal/file-requests/",
        views.file_request_create,
        name="file_request_create",
    ),
    path(
        "mobilities/<int:pk>/portal/file-requests/<int:request_pk>/withdraw/",
        views.file_request_withdraw,
        name="file_request_withdraw",
    ),
]
