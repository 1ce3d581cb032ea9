"""Who may see and change what: every object belongs to one organisation and is visible
only to that organisation's members (and superusers). Views and the admin go through here.
"""

from typing import TYPE_CHECKING, TypeAlias, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # Imported for types only: projects.models imports this module while models load.
    from django.contrib.auth.models import AnonymousUser, User

    # Whoever a request comes from: a signed-in user, or an anonymous visitor.
    RequestUser: TypeAlias = User | AnonymousUser

_M = TypeVar("_M", bound=Model)

# Where a user's roles are kept for the rest of the request, once read.
_ROLES_ATTRIBUTE = "_organisation_roles"


class Role(models.TextChoices):
    """A user's role in an organisation (projects.Membership): coordinators edit, viewers
    read."""

    COORDINATOR = "coordinator", _("Coordinator")
    VIEWER = "viewer", _("Viewer")


def _roles(user: "User") -> dict[int, str]:
    """The user's role in each of their organisations, read once per request (through the
    memberships, `user.memberships`)."""
    roles: dict[int, str] | None = getattr(user, _ROLES_ATTRIBUTE, None)
    if roles is None:
        roles = dict(user.memberships.values_list("organisation_id", "role"))
        setattr(user, _ROLES_ATTRIBUTE, roles)
    return roles


def organisation_ids(user: "RequestUser", *, role: str | None = None) -> list[int]:
    """Ids of the organisations the user belongs to (with `role`, if given)."""
    if not user.is_authenticated:
        return []
    return [org for org, held in _roles(user).items() if role is None or held == role]


def scope(queryset: QuerySet[_M], user: "RequestUser", path: str = "organisation") -> QuerySet[_M]:
    """Only the rows of `queryset` whose organisation (reached by `path`) the user is in.

    A join on the memberships rather than a list of ids: one query, not two, and one
    membership per user and organisation keeps the rows unique."""
    if user.is_superuser:
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    memberships = "memberships" if path == "pk" else f"{path}__memberships"
    return queryset.filter(**{f"{memberships}__user": user})


def get_for_user(
    queryset: QuerySet[_M], user: "RequestUser", path: str = "organisation", **lookup: object
) -> _M:
    """The object, if the user may see it; 404 otherwise, so that other organisations'
    objects are indistinguishable from missing ones."""
    try:
        return scope(queryset, user, path).get(**lookup)
    except ObjectDoesNotExist:  # get() raises only the model's own DoesNotExist, a subclass
        raise Http404 from None


def is_coordinator(user: "RequestUser", organisation_id: int) -> bool:
    if user.is_superuser:
        return True
    return organisation_id in organisation_ids(user, role=Role.COORDINATOR)


def can_see_sensitive_data(user: "RequestUser", organisation_id: int) -> bool:
    """Fewer-opportunities categories and support needs: coordinators only."""
    return is_coordinator(user, organisation_id)


def require_coordinator(user: "RequestUser", organisation_id: int) -> None:
    """Viewers read but never change: 403 for anyone but the organisation's coordinators."""
    if not is_coordinator(user, organisation_id):
        raise PermissionDenied


def read_only(request: HttpRequest) -> HttpResponseNotAllowed | None:
    """What a read-only page answers anything but GET or HEAD (405), once the object was
    found for the user: another organisation's object stays a 404 whatever the method."""
    if request.method in ("GET", "HEAD"):
        return None
    return HttpResponseNotAllowed(["GET", "HEAD"])
