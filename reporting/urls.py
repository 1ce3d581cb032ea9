from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("mobilities/<int:pk>/documents/", views.mobility_documents, name="mobility_documents"),
    path(
        "mobilities/<int:pk>/documents/request/",
        views.mobility_document_request,
        name="mobility_document_request",
    ),
    path(
        "mobilities/<int:pk>/learning-agreement/",
        views.learning_agreement_details_edit,
        name="learning_agreement_details_edit",
    ),
    path(
        "mobilities/<int:pk>/grant-share/",
        views.mobility_grant_share,
        name="mobility_grant_share",
    ),
    path("projects/<int:pk>/documents/", views.project_documents, name="project_documents"),
    path(
        "projects/<int:pk>/documents/grant-share/",
        views.project_grant_share,
        name="project_grant_share",
    ),
    path(
        "projects/<int:pk>/documents/batch/",
        views.project_documents_batch,
        name="project_documents_batch",
    ),
    path(
        "projects/<int:pk>/documents/batches/<int:batch_pk>/",
        views.batch_progress,
        name="batch_progress",
    ),
    path(
        "projects/<int:pk>/documents/batches/<int:batch_pk>/documents.zip",
        views.batch_download_zip,
        name="batch_download_zip",
    ),
    path(
        "projects/<int:pk>/documents/batches/<int:batch_pk>/documents.pdf",
        views.batch_download_pdf,
        name="batch_download_pdf",
    ),
    path(
        "projects/<int:pk>/documents/terms/",
        views.grant_agreement_terms_edit,
        name="grant_agreement_terms_edit",
    ),
    path("projects/<int:pk>/final-report/", views.final_report, name="final_report"),
    path(
        "projects/<int:pk>/final-report/answers/<slug:section>/",
        views.final_report_answer,
        name="final_report_answer",
    ),
    path(
        "projects/<int:pk>/final-report/request/",
        views.final_report_request,
        name="final_report_request",
    ),
    path(
        "projects/<int:pk>/final-report/draft.txt",
        views.final_report_download_text,
        name="final_report_text",
    ),
    path("documents/<int:pk>/status/", views.document_status, name="document_status"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
]
