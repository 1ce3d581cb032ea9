"""Writes to organisations, memberships and projects."""

from django.contrib.auth.models import AbstractUser
from django.db import transaction

from .models import Membership, Organisation


@transaction.atomic
def membership_set(*, user: AbstractUser, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership
