"""Who may see and change what: every object belongs to one organisation and is visible
only to that organisation's members (and superusers). Views and the admin go through here.
"""

from django.db.models import Model, QuerySet
from django.http import Http404

from .models import Membership, Organisation


def organisation_ids(user, *, role: str | None = None) -> list[int]:
    """Ids of the organisations the user belongs to (with `role`, if given)."""
    if not user.is_authenticated:
        return []
    cache_name = f"_organisation_ids_{role or 'any'}"
    if not hasattr(user, cache_name):
        memberships = Membership.objects.filter(user=user)
        if role:
            memberships = memberships.filter(role=role)
        setattr(user, cache_name, list(memberships.values_list("organisation_id", flat=True)))
    return getattr(user, cache_name)


def organisations_for(user) -> QuerySet[Organisation]:
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user))


def scope(queryset: QuerySet, user, path: str = "organisation") -> QuerySet:
    """Only the rows of `queryset` whose organisation (reached by `path`) the user is in."""
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{path}__in": organisation_ids(user)})


def get_for_user(queryset: QuerySet, user, path: str = "organisation", **lookup) -> Model:
    """The object, if the user may see it; 404 otherwise, so that other organisations'
    objects are indistinguishable from missing ones."""
    try:
        return scope(queryset, user, path).get(**lookup)
    except queryset.model.DoesNotExist:
        raise Http404 from None


def is_coordinator(user, organisation_id: int) -> bool:
    if user.is_superuser:
        return True
    return organisation_id in organisation_ids(user, role=Membership.Role.COORDINATOR)


def can_see_sensitive_data(user, organisation_id: int) -> bool:
    """Fewer-opportunities categories and support needs: coordinators only."""
    return is_coordinator(user, organisation_id)
