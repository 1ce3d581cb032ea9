"""Signing in, for everyone: failed sign-ins are slowed down per username and per client
address, and each session remembers how its user signed in (a signature records it) and
whether the user is a participant or guardian of the portal (portal/middleware.py keeps
them there).

The throttle counts failures in the cache, per username and per client address; every
process of a deployment must share it (CACHE_URL), or each counts on its own. A count is
incremented atomically (cache add, then incr), so simultaneous failures in several workers
all count. After its free failures, each further one doubles the wait, up to a maximum:
- a username that reached its limit is under attack: it is refused while it waits, even
  with the right password, from anywhere; its count ends with a successful sign-in;
- an address that reached its limit (a school's network is one address) keeps its
  failures slow: while it waits, a username that failed recently is refused without its
  password being checked, but a username with no recent failure may still sign in with
  its right password. A guesser behind the address keeps one guess per username.
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_logged_in
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.client import client_ip
from core.usernames import normalise_username, user_for_sign_in
from participants.models import PortalAccount
from reporting.models import AuthMethod
from reporting.signing.sign_in import AUTH_METHOD_SESSION_KEY

from .password_reset import AccountPasswordResetForm

PORTAL_ROLE_SESSION_KEY = "portal_role"
# Set on the request by the invitation view before it signs the user in.
AUTH_METHOD_REQUEST_ATTRIBUTE = "portal_auth_method"
# The backend every password is checked by, and that views signing a user in name.
BACKEND = "accounts.auth.UsernameBackend"


@receiver(user_logged_in, dispatch_uid="portal-remember-sign-in")
def remember_sign_in(sender, request, user, **kwargs):
    method = getattr(request, AUTH_METHOD_REQUEST_ATTRIBUTE, AuthMethod.PASSWORD)
    request.session[AUTH_METHOD_SESSION_KEY] = method
    account = PortalAccount.objects.filter(user=user).only("role", "language").first()
    if account is None:
        request.session.pop(PORTAL_ROLE_SESSION_KEY, None)
        return
    request.session[PORTAL_ROLE_SESSION_KEY] = account.role
    # E-mails to a portal user are written in the language they last signed in with.
    language = translation.get_language()
    if language != account.language and language in dict(settings.LANGUAGES):
        PortalAccount.objects.filter(pk=account.pk).update(language=language)


class UsernameBackend(ModelBackend):
    """Django's ModelBackend, finding the user by the normalised username (usernames.py).
    It has the last word on a password: a refusal ends the sign-in (PermissionDenied), so
    ModelBackend, listed after it only to keep older sessions signed in, never checks the
    password again with Django's exact spelling."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = user_for_sign_in(username)
        if user is None:
            get_user_model()().set_password(password)  # as long as for a known username
            raise PermissionDenied
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        raise PermissionDenied


# The throttle


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.casefold().encode()).hexdigest()[:32]
    return f"throttle:{kind}:{digest}"


def _wait_after(failures: int, free: int) -> int:
    if failures <= free:
        return 0
    wait = settings.LOGIN_THROTTLE_BASE_SECONDS * 2 ** (failures - free - 1)
    return min(wait, settings.LOGIN_THROTTLE_MAX_SECONDS)


class AttemptCounter:
    """Failed sign-ins (or password reset requests) of one username or address: the count,
    incremented atomically, and the time of the last one, both forgotten
    LOGIN_THROTTLE_WINDOW_SECONDS after the last one."""

    def __init__(self, kind: str, value: str, free: int):
        self.key = _key(kind, value)
        self.last_key = f"{self.key}:last"
        self.free = free

    def failures(self, values: dict) -> int:
        return int(values.get(self.key) or 0)

    def seconds_to_wait(self, values: dict, now: float, ahead: int = 0) -> int:
        """How long until the next attempt; `ahead`: counting that attempt too."""
        wait = _wait_after(self.failures(values) + ahead, self.free)
        if not wait:
            return 0
        return max(0, math.ceil(float(values.get(self.last_key) or 0) + wait - now))

    def count(self, now: float) -> int:
        window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
        cache.add(self.key, 0, window)
        try:
            failures = cache.incr(self.key)
        except ValueError:  # expired between add and incr
            cache.add(self.key, 0, window)
            failures = cache.incr(self.key)
        cache.touch(self.key, window)
        cache.set(self.last_key, now, window)
        return failures

    def clear(self) -> None:
        cache.delete_many([self.key, self.last_key])


class SignInThrottle:
    def __init__(self, username: str, address: str):
        self.username = AttemptCounter(
            "username", normalise_username(username), settings.LOGIN_THROTTLE_FREE_PER_USERNAME
        )
        self.address = AttemptCounter("address", address, settings.LOGIN_THROTTLE_FREE_PER_ADDRESS)

    def seconds_to_wait(self) -> int:
        """0 if the password may be checked; otherwise how long this attempt must wait."""
        counters = (self.username, self.address)
        values = cache.get_many([key for c in counters for key in (c.key, c.last_key)])
        now = time.time()
        under_attack = self.username.seconds_to_wait(values, now)
        if under_attack:
            return under_attack
        if self.username.failures(values):
            return self.address.seconds_to_wait(values, now)
        return 0

    def failed(self) -> None:
        now = time.time()
        self.username.count(now)
        self.address.count(now)

    def succeeded(self) -> None:
        # The address keeps its count: one right password must not reset a guessing spree.
        self.username.clear()


class PasswordResetThrottle:
    """Requests for a reset link, per address typed and per client address, counted
    whether or not the address is known: after the free ones, each waits longer."""

    def __init__(self, email: str, address: str):
        self.counters = [
            AttemptCounter(
                "reset-email",
                normalise_username(email),
                settings.PASSWORD_RESET_THROTTLE_FREE_PER_EMAIL,
            ),
            AttemptCounter(
                "reset-address", address, settings.PASSWORD_RESET_THROTTLE_FREE_PER_ADDRESS
            ),
        ]

    def seconds_to_wait(self) -> int:
        values = cache.get_many([key for c in self.counters for key in (c.key, c.last_key)])
        now = time.time()
        # The free requests include this one: the one after them waits.
        return max(counter.seconds_to_wait(values, now, ahead=1) for counter in self.counters)

    def requested(self) -> None:
        now = time.time()
        for counter in self.counters:
            counter.count(now)


def wait_message(seconds: int) -> str:
    return ngettext(
        "Too many failed sign-ins. Try again in %(seconds)d second.",
        "Too many failed sign-ins. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


def reset_wait_message(seconds: int) -> str:
    return ngettext(
        "Too many requests for a new password. Try again in %(seconds)d second.",
        "Too many requests for a new password. Try again in %(seconds)d seconds.",
        seconds,
    ) % {"seconds": seconds}


class ThrottledSignInMixin:
    """For AuthenticationForm and its subclasses: an attempt that must wait (see the
    module's docstring) is refused before the password is even checked, and each failure
    is counted."""

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
            return reverse("portal:portal_home")
        return super().get_default_redirect_url()


# Password reset by e-mail (password_reset.py), on Django's views


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """The same answer whether or not the address is known: the throttle counts every
    request, and the page that follows says only that a link was sent if it is."""

    form_class = AccountPasswordResetForm

    def form_valid(self, form):
        throttle = PasswordResetThrottle(form.cleaned_data["email"], client_ip(self.request))
        seconds = throttle.seconds_to_wait()
        if seconds:
            form.add_error(None, reset_wait_message(seconds))
            return self.form_invalid(form)
        throttle.requested()
        form.save(request=self.request)
        return HttpResponseRedirect(self.get_success_url())


class SignInAfterResetView(auth_views.PasswordResetConfirmView):
    """Django's: the link's token moves into the session and the form is shown at a URL
    without it; the new password signs the user in, recorded as a reset-link sign-in."""

    post_reset_login = True
    post_reset_login_backend = BACKEND

    def form_valid(self, form):
        setattr(self.request, AUTH_METHOD_REQUEST_ATTRIBUTE, AuthMethod.PASSWORD_RESET_LINK)
        response = super().form_valid(form)
        messages.success(self.request, _("Your new password is set and you are signed in."))
        return response

    def get_success_url(self):
        if PortalAccount.objects.filter(user=self.user).exists():
            return reverse("portal:portal_home")
        return resolve_url(settings.LOGIN_REDIRECT_URL)
