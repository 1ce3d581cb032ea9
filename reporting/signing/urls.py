from django.urls import path

from . import views

app_name = "signing"

urlpatterns = [
    path("mobilities/<int:pk>/agreement/send/", views.agreement_send, name="agreement_send"),
    path("agreements/<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("agreements/<int:pk>/signed.pdf", views.agreement_signed_pdf, name="agreement_signed_pdf"),
    path(
        "agreements/<int:pk>/countersign/",
        views.agreement_countersign,
        name="agreement_countersign",
    ),
    path(
        "agreements/<int:pk>/finalize/",
        views.agreement_finalize_retry,
        name="agreement_finalize_retry",
    ),
]
