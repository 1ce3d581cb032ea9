"""Password reset by e-mail, for every user (coordinators, participants, guardians), on
Django's own views and tokens: which users an address finds, where and in which language
the link is sent, and the offer of a reset sent instead of an invitation to someone whose
portal account is already in use.

An address finds the active users whose e-mail field or e-mail username it is, compared
as usernames are (usernames.py: any case). The answer on the page never says whether it
found anyone; requests are throttled per address typed and per client address, counted
whether or not the address is known."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.usernames import normalise_username
from participants.models import PortalAccount


def _is_email(value: str) -> bool:
    try:
        validate_email(value)
    except Exception:  # noqa: BLE001 - ValidationError: not an address
        return False
    return True


def recipient_address(user) -> str:
    """Where the user's e-mails go: the e-mail field, or an e-mail username."""
    if user.email.strip():
        return user.email.strip()
    return user.username if _is_email(user.username) else ""


def users_for_address(email: str) -> list:
    """Active users with a usable password whose e-mail field or username is `email`."""
    wanted = normalise_username(email)
    if not wanted:
        return []
    candidates = get_user_model()._default_manager.filter(
        Q(email__iexact=email.strip()) | Q(username__iexact=email.strip()) | Q(username=wanted),
        is_active=True,
    )
    return [
        user
        for user in candidates
        if user.has_usable_password()
        and wanted in (normalise_username(user.email), normalise_username(user.username))
        and recipient_address(user)
    ]


def recipient_language(user, default: str) -> str:
    """A portal user's language (of their last sign-in); for others, `default`."""
    language = PortalAccount.objects.filter(user=user).values_list("language", flat=True).first()
    return language or default


def reset_link_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60))


def reset_link(user, absolute: Callable[[str], str]) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse("password_reset_confirm", args=[uid, token]))


def send_password_reset(
    *, user, absolute: Callable[[str], str], language: str, offer: bool = False
) -> None:
    """E-mail `user` a link to set a new password, in their language. `offer`: sent
    because they were invited again while their account is in use."""
    context = {
        "user": user,
        "link": reset_link(user, absolute),
        "username": user.username,
        "days": reset_link_days(),
        "offer": offer,
    }
    with translation.override(recipient_language(user, language)):
        subject = render_to_string("registration/password_reset_subject.txt", context)
        body = render_to_string("registration/password_reset_email.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[recipient_address(user)],
    )


class AccountPasswordResetForm(PasswordResetForm):
    """Django's form, finding users by users_for_address and writing in each one's own
    language."""

    def get_users(self, email):
        return users_for_address(email)

    def save(self, *, request, **kwargs):
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset(
                user=user,
                absolute=request.build_absolute_uri,
                language=translation.get_language(),
            )
