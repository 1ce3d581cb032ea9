"""The portal's own error pages (400, 403, the CSRF failure, 404, 500), translated and
framed for whoever sees them: a participant or guardian gets the portal's navigation and a
way back to their portal, a coordinator their projects, a visitor the sign-in.

The 500 page is rendered without touching the database (whatever failed may be the
database) and falls back to a plain page if even that fails."""

import logging

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.auth import PORTAL_ROLE_SESSION_KEY

logger = logging.getLogger(__name__)


def _is_portal_user(request) -> bool:
    try:
        return bool(request.session.get(PORTAL_ROLE_SESSION_KEY))
    except Exception:  # noqa: BLE001 - a broken session store must not break the error page
        return False


def _frame(request) -> dict:
    """The base template and the way back for the reader of an error page."""
    if _is_portal_user(request):
        base, url, label = "portal/base.html", "portal:portal_home", _("Back to your portal")
    elif getattr(request, "user", None) is not None and request.user.is_authenticated:
        base, url, label = "base.html", "projects:home", _("Back to your projects")
    else:
        base, url, label = "base.html", "login", _("Go to the sign-in page")
    return {"base_template": base, "back_url": reverse(url), "back_label": label}


def _error_page(request, template: str, status: int):
    return render(request, template, _frame(request), status=status)


def bad_request(request, exception=None):
    return _error_page(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error_page(request, "errors/403.html", 403)


def page_not_found(request, exception=None):
    return _error_page(request, "errors/404.html", 404)


def csrf_failure(request, reason=""):
    logger.warning("CSRF check failed for %s: %s", request.path, reason)
    return _error_page(request, "errors/403_csrf.html", 403)


def server_error(request):
    try:
        return _error_page(request, "errors/500.html", 500)
    except Exception:  # noqa: BLE001 - the error page itself must not fail
        logger.exception("The 500 page could not be rendered")
        return HttpResponseServerError(loader.get_template("errors/500_plain.html").render())
