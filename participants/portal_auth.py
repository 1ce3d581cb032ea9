"""Signing in, for everyone: failed sign-ins are slowed down per username and per client
address, and each session remembers how its user signed in (a signature records it) and
whether the user is a participant or guardian of the portal (portal_middleware.py keeps
them there).

The throttle counts failures in the cache (per process by default, shared with
CACHE_URL): after the free attempts, each further failure doubles the wait, up to a
maximum; the wait is named in the error. Counting is a read-modify-write, not atomic: two
simultaneous failures may count once, which is harmless for slowing down guessing."""

import hashlib
import ipaddress
import math
import time

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import ngettext

from reporting.models import AuthMethod

from .models import PortalAccount

PORTAL_ROLE_SESSION_KEY = "portal_role"
AUTH_METHOD_SESSION_KEY = "auth_method"
# Set on the request by the invitation view before it signs the user in.
AUTH_METHOD_REQUEST_ATTRIBUTE = "portal_auth_method"


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or the address a trusted proxy appended to
    X-Forwarded-For (the last one: anything before it was sent by the client)."""
    address = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"  # noqa: S104 - no address known
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            address = forwarded
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "0.0.0.0"  # noqa: S104 - unreadable, recorded as unknown


def auth_method(request) -> str:
    """How the session's user signed in. Every sign-in passes user_logged_in below; a
    session older than this feature was a password sign-in (the only way there was)."""
    return request.session.get(AUTH_METHOD_SESSION_KEY, AuthMethod.PASSWORD)


@receiver(user_logged_in, dispatch_uid="portal-remember-sign-in")
def remember_sign_in(sender, request, user, **kwargs):
    method = getattr(request, AUTH_METHOD_REQUEST_ATTRIBUTE, AuthMethod.PASSWORD)
    request.session[AUTH_METHOD_SESSION_KEY] = method
    role = PortalAccount.objects.filter(user=user).values_list("role", flat=True).first()
    if role:
        request.session[PORTAL_ROLE_SESSION_KEY] = role
    else:
        request.session.pop(PORTAL_ROLE_SESSION_KEY, None)


# The throttle


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.casefold().encode()).hexdigest()[:32]
    return f"sign-in-failures:{kind}:{digest}"


def _wait_after(failures: int, free: int) -> int:
    if failures <= free:
        return 0
    wait = settings.LOGIN_THROTTLE_BASE_SECONDS * 2 ** (failures - free - 1)
    return min(wait, settings.LOGIN_THROTTLE_MAX_SECONDS)


class SignInThrottle:
    def __init__(self, username: str, address: str):
        self.counters = [
            (_key("username", username.strip()), settings.LOGIN_THROTTLE_FREE_PER_USERNAME),
            (_key("address", address), settings.LOGIN_THROTTLE_FREE_PER_ADDRESS),
        ]

    def seconds_to_wait(self) -> int:
        now = time.time()
        waits = [
            (cache.get(key) or {}).get("locked_until", 0) - now for key, _free in self.counters
        ]
        return max(0, math.ceil(max(waits)))

    def failed(self) -> None:
        now = time.time()
        for key, free in self.counters:
            failures = (cache.get(key) or {}).get("failures", 0) + 1
            entry = {"failures": failures, "locked_until": now + _wait_after(failures, free)}
            cache.set(key, entry, settings.LOGIN_THROTTLE_WINDOW_SECONDS)

    def succeeded(self) -> None:
        # The address keeps its count: one right password must not reset a guessing spree.
        cache.delete(self.counters[0][0])


def wait_message(seconds: int) -> str:
    return ngettext(
        "Too many failed sign-ins. Try again in %(seconds)d second.",
        "Too many failed sign-ins. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


class ThrottledSignInMixin:
    """For AuthenticationForm and its subclasses: a locked username or address is refused
    before the password is even checked, and each failure is counted."""

    def clean(self):
        throttle = SignInThrottle(
            self.data.get("username", "") or "", client_ip(self.request) if self.request else ""
        )
        seconds = throttle.seconds_to_wait()
        if seconds:
            raise ValidationError(wait_message(seconds), code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.failed()
            raise
        if self.get_user() is not None:
            throttle.succeeded()
        return cleaned


class ThrottledAuthenticationForm(ThrottledSignInMixin, AuthenticationForm):
    pass


class ThrottledAdminAuthenticationForm(ThrottledSignInMixin, AdminAuthenticationForm):
    pass


class SignInView(auth_views.LoginView):
    """Django's sign-in with the throttle; participants and guardians land in their
    portal rather than on the coordinator's home page."""

    authentication_form = ThrottledAuthenticationForm

    def get_default_redirect_url(self):
        if PortalAccount.objects.filter(user=self.request.user).exists():
            return reverse("portal_home")
        return super().get_default_redirect_url()
