"""How far a project has come towards its Erasmus plan: the mobilities and targets of each
goal, and the mobilities per activity and status. The dashboard shows it and the final
report states it."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
    def decimals(self) -> str:
        """The floatformat of the achieved value: a share to one decimal at most."""
        return "-1" if self.target.measure in SHARES else "-2"

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
        "mobility__learning_transfer__applied_from",
    )
    counts = defaultdict(lambda: defaultdict(set))
    for goal_id, mobility_id, role, person, kind, fewer, transferred in rows:
        per_goal = counts[goal_id]
        per_goal[GoalTarget.Measure.MOBILITIES].add(mobility_id)
        if role == Role.PARTICIPANT and kind == Participant.Kind.LEARNER:
            per_goal[GoalTarget.Measure.LEARNERS].add(person)
        if kind == Participant.Kind.STAFF:
            per_goal[GoalTarget.Measure.STAFF].add(person)
        if role == Role.PARTICIPANT and fewer:
            per_goal[GoalTarget.Measure.FEWER_OPPORTUNITIES].add(person)
        if kind == Participant.Kind.STAFF and transferred is not None:
            per_goal[GoalTarget.Measure.LEARNING_TRANSFER].add(person)
    shares = result_shares(project)
    progress = []
    for goal in project.erasmus_plan.goals.prefetch_related("targets"):
        targets = [
            TargetProgress(t, _achieved(t, counts[goal.pk], shares.get(goal.pk, {})))
            for t in goal.targets.all()
            if t.year == project.call_year
        ]
        mobilities = len(counts[goal.pk][GoalTarget.Measure.MOBILITIES])
        progress.append(GoalProgress(goal, mobilities, targets))
    return progress


def _achieved(target: GoalTarget, counted: dict, shares: dict) -> Decimal | None:
    if target.measure == GoalTarget.Measure.MANUAL:
        return target.achieved_value
    if target.measure in SHARES:
        return shares.get(target.measure)
    return Decimal(len(counted[target.measure]))


Measure = GoalTarget.Measure
SHARES = (Measure.OLS_LEVEL_ROSE, Measure.RECOGNISED, Measure.SATISFIED)
SATISFIED_FROM = 4  # of the satisfaction scale 1-5
RECOGNISED_DECISIONS = ("full", "partial")


def level_rose(before: str, after: str) -> bool:
    """Whether the CEFR level `after` is above `before`: the levels sort as written,
    A1 < A2 < B1 < B2 < C1 < C2."""
    return after > before


def _percent(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in per cent, to one decimal (None of nothing)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def result_shares(project) -> dict[int, dict[str, Decimal | None]]:
    """Per goal, the shares of the results recorded for the mobilities serving it: the
    participants whose OLS level rose (of those assessed before and after), the learners
    back home whose mobility the school recognised (of the completed learners'), the
    participants satisfied (of those who answered the question after return). Read
    through the mobilities' relations, in two queries."""
    through = Mobility.goals.through.objects.filter(mobility__project=project).exclude(
        mobility__status=Mobility.Status.CANCELLED
    )
    rows = through.values_list(
        "goal_id",
        "mobility__role",
        "mobility__status",
        "mobility__participant__kind",
        "mobility__ols_assessment__level_before",
        "mobility__ols_assessment__level_after",
        "mobility__recognition__decision",
    )
    tallies: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: {measure: [0, 0] for measure in SHARES}
    )
    for goal_id, role, status, kind, before, after, decision in rows:
        tally = tallies[goal_id]
        if before and after:
            tally[Measure.OLS_LEVEL_ROSE][1] += 1
            tally[Measure.OLS_LEVEL_ROSE][0] += level_rose(before, after)
        learner = role == Role.PARTICIPANT and kind == Participant.Kind.LEARNER
        if learner and status == Mobility.Status.COMPLETED:
            tally[Measure.RECOGNISED][1] += 1
            tally[Measure.RECOGNISED][0] += decision in RECOGNISED_DECISIONS
    scores = through.filter(
        mobility__survey_responses__stage="after",
        mobility__survey_responses__answers__question__code="satisfaction",
        mobility__survey_responses__answers__score__isnull=False,
    ).values_list("goal_id", "mobility__survey_responses__answers__score")
    for goal_id, score in scores:
        tally = tallies[goal_id][Measure.SATISFIED]
        tally[1] += 1
        tally[0] += score >= SATISFIED_FROM
    return {
        goal_id: {measure: _percent(*tally[measure]) for measure in SHARES}
        for goal_id, tally in tallies.items()
    }


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
