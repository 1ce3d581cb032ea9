"""Every change a project's pages show bumps the project's version, the key of its cached
pages: a cache entry can outlive a change only by being of an older version."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Project

CHUNK = 500  # ids per update, well within every database's limit on parameters


class DeferredBumps:
    """The lookups of the projects to bump, collected while an import runs."""

    def __init__(self):
        self.values: dict[str, set] = {}

    def note(self, lookup: dict) -> None:
        for key, value in lookup.items():
            self.values.setdefault(key, set()).update(value if key.endswith("__in") else [value])

    def flush(self) -> None:
        """One update per kind of lookup instead of one per saved row."""
        values, self.values = self.values, {}
        for key, found in values.items():
            found = sorted(found)
            for start in range(0, len(found), CHUNK):
                _bump(**{f"{key.removesuffix('__in')}__in": found[start : start + CHUNK]})

    def discard(self) -> None:
        self.values = {}


_deferred: ContextVar[DeferredBumps | None] = ContextVar("bumps_deferred", default=None)


@contextmanager
def project_bumps_deferred() -> Iterator[DeferredBumps]:
    """Inside, bumps are collected; call `flush()` before the transaction commits (what is
    left is bumped on a normal exit, and dropped on an exception)."""
    deferred = DeferredBumps()
    token = _deferred.set(deferred)
    try:
        yield deferred
    finally:
        _deferred.reset(token)
    deferred.flush()


def bump_projects(**lookup) -> None:
    deferred = _deferred.get()
    if deferred is not None:
        deferred.note(lookup)
        return
    _bump(**lookup)


def _bump(**lookup) -> None:
    Project.objects.filter(**lookup).update(version=F("version") + 1)


# Each model the project's pages show, and how to find its projects.
LOOKUPS = {
    "projects.Project": lambda obj: {"pk": obj.pk},
    "projects.AwardedAmount": lambda obj: {"pk": obj.project_id},
    "projects.ErasmusPlan": lambda obj: {"erasmus_plan": obj.pk},
    "projects.Goal": lambda obj: {"erasmus_plan": obj.plan_id},
    "projects.GoalTarget": lambda obj: {"erasmus_plan__goals": obj.goal_id},
    "participants.Participant": lambda obj: {"mobilities__participant": obj.pk},
    "mobilities.Mobility": lambda obj: {"pk": obj.project_id},
    "mobilities.MobilityGroup": lambda obj: {"pk": obj.project_id},
    "mobilities.PreparationItem": lambda obj: {"mobilities": obj.mobility_id},
    "mobilities.MobilityFile": lambda obj: {"mobilities": obj.mobility_id},
    "budget.MobilityGrant": lambda obj: {"mobilities": obj.mobility_id},
}


def _connect(label: str, lookup) -> None:
    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):
            return  # Fixtures being loaded.
        bump_projects(**lookup(instance))

    post_save.connect(changed, sender=label, weak=False, dispatch_uid=f"bump-{label}-save")
    post_delete.connect(changed, sender=label, weak=False, dispatch_uid=f"bump-{label}-delete")


def _goals_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        bump_projects(pk=instance.project_id)


def connect_signals() -> None:
    for label, lookup in LOOKUPS.items():
        _connect(label, lookup)
    from mobilities.models import Mobility

    m2m_changed.connect(
        _goals_changed, sender=Mobility.goals.through, dispatch_uid="bump-mobility-goals"
    )
