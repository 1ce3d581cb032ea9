"""Writes to mobilities: every path (web, admin, import, seed) validates the same way."""

from collections.abc import Iterable

from django.db import transaction

from budget.services import budget_recalculate_mobility
from projects.models import Goal, Project

from .models import Mobility
from .validation import goal_problems, mobility_problems, raise_for_problems


def _validate_and_save(mobility: Mobility, goals: list[Goal] | None) -> Mobility:
    mobility.full_clean(exclude=["number"] if mobility.number is None else None)
    if goals is not None:
        raise_for_problems(goal_problems(mobility.project, goals))
    mobility.save()
    if goals is not None:
        mobility.goals.set(goals)
    budget_recalculate_mobility(mobility)
    return mobility


@transaction.atomic
def mobility_create(*, project: Project, goals: Iterable[Goal], **fields) -> Mobility:
    """A new mobility in `project`, serving `goals`; raises ValidationError naming fields."""
    mobility = Mobility(project=project, **fields)
    return _validate_and_save(mobility, list(goals))


@transaction.atomic
def mobility_update(
    mobility: Mobility, *, goals: Iterable[Goal] | None = None, **fields
) -> Mobility:
    for name, value in fields.items():
        setattr(mobility, name, value)
    return _validate_and_save(mobility, None if goals is None else list(goals))


def mobility_check(
    mobility: Mobility, goals: Iterable[Goal] | None = None
) -> list[tuple[str, str]]:
    """Every broken rule, without saving: for previews and imports."""
    return list(mobility_problems(mobility, None if goals is None else list(goals)))
