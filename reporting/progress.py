"""How far a project has come towards its Erasmus plan: the mobilities and targets of each
goal, and the mobilities per activity and status. The dashboard shows it and the final
report states it."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count

from budget.choices import ActivityType
from budget.rules import Role
from mobilities.models import Mobility
from participants.models import Participant
from projects.models import GoalTarget


@dataclass
class TargetProgress:
    target: GoalTarget
    achieved: Decimal | None

    @property
    def percent(self) -> int | None:
        if self.achieved is None or not self.target.target_value:
            return None
        return min(100, int(self.achieved * 100 / self.target.target_value))


@dataclass
class GoalProgress:
    goal: object
    mobilities: int
    targets: list[TargetProgress]


def goal_progress(project) -> list[GoalProgress]:
    """Per goal: the mobilities serving it, and each target of the project's call year
    (measured from those mobilities, or as recorded by the coordinator)."""
    through = Mobility.goals.through.objects.filter(mobility__project=project).exclude(
        mobility__status=Mobility.Status.CANCELLED
    )
    rows = through.values_list(
        "goal_id",
        "mobility_id",
        "mobility__role",
        "mobility__participant_id",
        "mobility__participant__kind",
        "mobility__participant__fewer_opportunities",
    )
    counts = defaultdict(lambda: defaultdict(set))
    for goal_id, mobility_id, role, person, kind, fewer in rows:
        per_goal = counts[goal_id]
        per_goal[GoalTarget.Measure.MOBILITIES].add(mobility_id)
        if role == Role.PARTICIPANT and kind == Participant.Kind.LEARNER:
            per_goal[GoalTarget.Measure.LEARNERS].add(person)
        if kind == Participant.Kind.STAFF:
            per_goal[GoalTarget.Measure.STAFF].add(person)
        if role == Role.PARTICIPANT and fewer:
            per_goal[GoalTarget.Measure.FEWER_OPPORTUNITIES].add(person)
    progress = []
    for goal in project.erasmus_plan.goals.prefetch_related("targets"):
        targets = [
            TargetProgress(t, _achieved(t, counts[goal.pk], project))
            for t in goal.targets.all()
            if t.year == project.call_year
        ]
        mobilities = len(counts[goal.pk][GoalTarget.Measure.MOBILITIES])
        progress.append(GoalProgress(goal, mobilities, targets))
    return progress


def _achieved(target: GoalTarget, counted: dict, project) -> Decimal | None:
    if target.measure == GoalTarget.Measure.MANUAL:
        return target.achieved_value
    return Decimal(len(counted[target.measure]))


def activity_status_table(project) -> dict:
    """Counts of mobilities per activity type (rows) and status (columns)."""
    counts = defaultdict(dict)
    rows = project.mobilities.values("activity_type", "status").annotate(n=Count("pk"))
    for row in rows:
        counts[row["activity_type"]][row["status"]] = row["n"]
    statuses = Mobility.Status.choices
    table = [
        {
            "label": label,
            "cells": [counts[activity].get(status, 0) for status, _label in statuses],
            "total": sum(counts[activity].values()),
        }
        for activity, label in ActivityType.choices
        if activity in counts
    ]
    return {"statuses": statuses, "rows": table}
