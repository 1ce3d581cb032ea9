"""Usernames as people read them: compared after NFKC normalisation (full-width "ｂfuser" is
"bfuser") and case folding ("Evelina@…" is "evelina@…"). Usernames are stored normalised
from creation on (portal accounts, the admin's user forms), a new username that normalises
to an existing one is refused, and sign-in, the sign-in throttle and the password reset
look users up the same way.

Usernames made before this may differ from their normalised form in case only (Django's
own forms already applied NFKC); they are still found, case-insensitively."""

import unicodedata
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def normalise_username(value: str) -> str:
    # Case folding may leave a string that is not in NFKC: normalise once more.
    return unicodedata.normalize("NFKC", _nfkc(value).casefold())


def users_named(username: str, *, exclude_pk: int | None = None) -> list["User"]:
    """Users whose username normalises to the same as `username` (one query)."""
    wanted = normalise_username(username)
    if not wanted:
        return []
    candidates = get_user_model()._default_manager.filter(
        Q(username=wanted) | Q(username__iexact=wanted) | Q(username__iexact=_nfkc(username))
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return [user for user in candidates if normalise_username(user.username) == wanted]


def user_for_sign_in(username: str) -> "User | None":
    """The user `username` names, or None. Look-alike usernames made before they were
    normalised are told apart by their exact spelling only."""
    matches = users_named(username)
    if len(matches) == 1:
        return matches[0]
    exact = [user for user in matches if user.username == _nfkc(username)]
    return exact[0] if len(exact) == 1 else None


def new_username(value: str, *, exclude_pk: int | None = None) -> str:
    """`value` normalised, for a new or renamed user; ValidationError if it is empty or
    another user's username looks the same."""
    username = normalise_username(value)
    if not username:
        raise ValidationError(_("Enter a username."), code="required")
    if users_named(username, exclude_pk=exclude_pk):
        raise ValidationError(
            _("A user with the username %(username)s, or one that looks the same, exists.")
            % {"username": username},
            code="unique",
        )
    return username
