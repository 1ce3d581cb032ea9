"""Whole pages of a project cached per session: a coordinator reopening the dashboard gets
it without rendering. The key holds the session, the project's version (bumped by every
change the page shows), the language and the day, so a cached page is never out of date;
a request carrying messages to show is never served from, nor stored in, the cache."""

from collections.abc import Callable, Mapping
from typing import Protocol

from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

PAGE_CACHE_SECONDS = 60 * 60


class VersionedProject(Protocol):
    """A project as its cached pages know it: bumping `version` retires them."""

    @property
    def pk(self) -> object: ...

    @property
    def version(self) -> int: ...


def _has_messages(request: HttpRequest) -> bool:
    """Messages waiting in the cookie or the session (read without consuming them)."""
    return bool(request.COOKIES.get(CookieStorage.cookie_name)) or bool(
        request.session.get(SessionStorage.session_key)
    )


def _key(request: HttpRequest, name: str, project: VersionedProject) -> str | None:
    if not request.session.session_key or _has_messages(request):
        return None
    return ":".join(
        [
            "page",
            name,
            request.session.session_key,
            str(project.pk),
            str(project.version),
            get_language(),
            timezone.localdate().isoformat(),
        ]
    )


def cached_project_page(
    request: HttpRequest,
    name: str,
    project: VersionedProject,
    template: str,
    context_of: Callable[[], Mapping[str, object]],
) -> HttpResponse:
    """The page `template` rendered with `context_of()`, from the cache when it can be."""
    key = _key(request, name, project)
    html: str | None = cache.get(key) if key else None
    if html is None:
        html = render_to_string(template, context_of(), request)
        if key:
            cache.set(key, str(html), PAGE_CACHE_SECONDS)
    else:
        get_token(request)  # The cached page's form token needs the visitor's CSRF cookie.
    response = HttpResponse(html)
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True)
    return response
