"""Writes to organisations, memberships, Erasmus plans, projects and partners."""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import transaction

from budget.services import budget_recalculate_project
from core.services import editable_fields, model_update

from .models import (
    AwardedAmount,
    ErasmusPlan,
    Goal,
    GoalTarget,
    Membership,
    Organisation,
    PartnerOrganisation,
    Project,
)

# What a project's edit may change: not its organisation or plan.
PROJECT_FIELDS = editable_fields(Project, exclude={"organisation", "version"})


@transaction.atomic
def membership_set(*, user: AbstractUser, organisation: Organisation, role: str) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership


@transaction.atomic
def erasmus_plan_save(
    *, plan: ErasmusPlan, goals: Iterable[Goal], removed_goals: Iterable[Goal] = ()
) -> ErasmusPlan:
    """A plan and its goals (validated by the caller's forms), saved together or not at
    all; the goals removed go first, so that their numbers can be given again."""
    plan.save()
    for goal in removed_goals:
        goal.delete()
    for goal in goals:
        goal.plan = plan
        goal.save()
    return plan


@transaction.atomic
def goal_targets_save(
    *, goal: Goal, targets: Iterable[GoalTarget], removed_targets: Iterable[GoalTarget] = ()
) -> None:
    for target in removed_targets:
        target.delete()
    for target in targets:
        target.goal = goal
        target.save()


@transaction.atomic
def project_save(*, project: Project, awarded: dict[str, Decimal]) -> Project:
    """A project and the amounts awarded per category; its rates and call year decide
    every mobility's grant, so the grants are recomputed."""
    project.full_clean()
    project.save()
    project.awarded_amounts.exclude(category__in=list(awarded)).delete()
    for category, amount in awarded.items():
        row = AwardedAmount.objects.filter(project=project, category=category).first()
        row = row or AwardedAmount(project=project, category=category)
        if row.amount != amount:
            row.amount = amount
            row.full_clean()
            row.save()
    budget_recalculate_project(project=project)
    return project


@transaction.atomic
def project_update(*, project: Project, data: Mapping[str, Any]) -> Project:
    """Change a project; its rates and call year decide every mobility's grant."""
    model_update(instance=project, fields=PROJECT_FIELDS, data=data)
    project.full_clean()
    project.save()
    budget_recalculate_project(project=project)
    return project


@transaction.atomic
def partner_save(
    *, partner: PartnerOrganisation, validate_constraints: bool = True
) -> PartnerOrganisation:
    """`validate_constraints=False`: for an importer that has matched every row on its
    OID already; the database still enforces the constraints."""
    partner.full_clean(validate_constraints=validate_constraints)
    partner.save()
    return partner


@transaction.atomic
def partner_delete(*, partner: PartnerOrganisation) -> bool:
    """Delete a partner that no mobility refers to; False (nothing deleted) otherwise."""
    if partner.hosted_mobilities.exists() or partner.sent_mobilities.exists():
        return False
    partner.delete()
    return True
