"""Writes to organisations, memberships and projects."""

from django.contrib.auth.models import AbstractUser
from django.db import transaction

from budget.services import budget_recalculate_project

from .models import Membership, Organisation, Project


@transaction.atomic
def membership_set(*, user: AbstractUser, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


@transaction.atomic
def project_update(project: Project, **fields) -> Project:
    """Change a project; its rates and call year decide every mobility's grant."""
    for name, value in fields.items():
        setattr(project, name, value)
    project.full_clean()
    project.save()
    budget_recalculate_project(project)
    return project
