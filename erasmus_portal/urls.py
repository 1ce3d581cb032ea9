from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from accounts.auth import (
    SignInAfterResetView,
    SignInView,
    ThrottledAdminAuthenticationForm,
    ThrottledPasswordResetView,
)
from accounts.password_reset import reset_link_days

# The admin's sign-in is slowed down after failures like the main one.
admin.site.login_form = ThrottledAdminAuthenticationForm


@require_GET
def health(request):
    """Liveness for load balancers and compose, and the framework's floor in bench/pages.py."""
    return HttpResponse("ok", content_type="text/plain")


# The portal's own error pages, for whoever sees them (erasmus_portal/errors.py).
handler400 = "erasmus_portal.errors.bad_request"
handler403 = "erasmus_portal.errors.permission_denied"
handler404 = "erasmus_portal.errors.page_not_found"
handler500 = "erasmus_portal.errors.server_error"

urlpatterns = [
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context={"days": reset_link_days()}),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        SignInAfterResetView.as_view(),
        name="password_reset_confirm",
    ),
    path("", include("projects.urls")),
    path("", include("dashboard.urls")),
    path("", include("transfers.urls")),
    path("", include("participants.urls")),
    path("", include("selection.urls")),
    path("", include("mobilities.urls")),
    path("", include("budget.urls")),
    path("", include("reporting.urls")),
    path("", include("finance.urls")),
    path("", include("results.urls")),
    path("", include("portal.urls")),
    path("", include("reporting.signing.urls")),
    path("", include("privacy.urls")),
]
