"""The project's URLs with two that fail on purpose, for tests/test_error_pages.py."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from erasmus_portal.urls import (  # noqa: F401 - the handlers are read from ROOT_URLCONF
    handler400,
    handler403,
    handler404,
    handler500,
    urlpatterns,
)


def fails(request):
    raise RuntimeError("a bug")


def suspicious(request):
    raise SuspiciousOperation("a malformed request")


urlpatterns = [
    path("test-fails/", fails),
    path("test-suspicious/", suspicious),
    *urlpatterns,
]
