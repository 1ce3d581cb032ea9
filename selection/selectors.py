"""Reads of selection calls, applications, scores and the ranking, scoped to a user.

Each page reads a call's applications with their scores in a fixed number of queries and
ranks them in Python (selection/ranking.py)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet

from budget.rules import round_half_up
from core import access
from core.collation import latvian
from mobilities.models import Mobility
from participants.models import (
    Participant,
    SelectionApplication,
    SelectionCall,
    SelectionCriterion,
    SelectionScore,
    applicant_kinds,
)
from projects.models import Goal, Membership, PartnerOrganisation, Project

from . import ranking

CALL_ORGANISATION = "project__organisation"
APPLICATION_ORGANISATION = "call__project__organisation"


def call_list(project: Project) -> QuerySet[SelectionCall]:
    decided = ~Q(applications__decision="")
    return (
        SelectionCall.objects.filter(project=project)
        .annotate(
            application_count=Count("applications", distinct=True),
            decided_count=Count("applications", filter=decided, distinct=True),
            selected_count=Count(
                "applications",
                filter=Q(applications__decision=SelectionApplication.Decision.SELECTED),
                distinct=True,
            ),
        )
        .order_by("-opens_on", "title")
    )


def call_get(user, pk: int) -> SelectionCall:
    """The call, if the user may see it; 404 otherwise."""
    queryset = SelectionCall.objects.select_related(
        "project__organisation",
        "decided_by",
        "paper_confirmed_by",
        "mobility_goal",
        "mobility_host",
    )
    return access.get_for_user(queryset, user, CALL_ORGANISATION, pk=pk)


def application_get(user, pk: int) -> SelectionApplication:
    """The application, if the user may see it; 404 otherwise."""
    queryset = SelectionApplication.objects.select_related(
        "call__project__organisation", "applicant"
    )
    return access.get_for_user(queryset, user, APPLICATION_ORGANISATION, pk=pk)


def call_criteria(call: SelectionCall) -> list[SelectionCriterion]:
    return list(call.criteria.order_by("pk"))


def call_applications(call: SelectionCall) -> QuerySet[SelectionApplication]:
    scores = SelectionScore.objects.select_related("evaluator").order_by("evaluator_id")
    return (
        call.applications.select_related("applicant", "decided_by", "mobility__project")
        .prefetch_related(Prefetch("scores", queryset=scores))
        .order_by("pk")
    )


def applications_awaiting_mobility(call: SelectionCall) -> QuerySet[SelectionApplication]:
    """The selected applicants of the call who have no mobility yet, by name."""
    return (
        call.applications.filter(
            decision=SelectionApplication.Decision.SELECTED, mobility__isnull=True
        )
        .select_related("applicant")
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )


def other_mobilities(call: SelectionCall, applications) -> dict[int, list[Mobility]]:
    """The mobilities (not cancelled) the applicants already have in the call's project,
    by applicant, in one query: creating another would send them twice."""
    applicants = [application.applicant_id for application in applications]
    found = defaultdict(list)
    mobilities = (
        Mobility.objects.filter(project_id=call.project_id, participant_id__in=applicants)
        .exclude(status=Mobility.Status.CANCELLED)
        .select_related("project")
        .order_by("number")
    )
    for mobility in mobilities:
        found[mobility.participant_id].append(mobility)
    return found


def applications_with_mobility(call: SelectionCall) -> QuerySet[SelectionApplication]:
    return (
        call.applications.filter(mobility__isnull=False)
        .select_related("applicant", "mobility__project")
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )


def plan_goals(call: SelectionCall) -> QuerySet[Goal]:
    return Goal.objects.filter(plan_id=call.project.erasmus_plan_id).order_by("number")


def host_choices(call: SelectionCall) -> QuerySet[PartnerOrganisation]:
    return (
        PartnerOrganisation.objects.filter(organisation_id=call.project.organisation_id)
        .exclude(kind=PartnerOrganisation.Kind.SUPPORTING)
        .order_by("name")
    )


def applicant_choices(call: SelectionCall, application=None) -> QuerySet[Participant]:
    """Participants of the call's organisation who may apply and have not applied yet."""
    taken = call.applications.all()
    if application is not None and application.pk:
        taken = taken.exclude(pk=application.pk)
    return (
        Participant.objects.filter(
            organisation_id=call.project.organisation_id,
            kind__in=applicant_kinds(call.activity_types),
        )
        .exclude(pk__in=taken.values("applicant_id"))
        .order_by(latvian("last_name"), latvian("first_name"))
    )


def is_evaluator(user, call: SelectionCall) -> bool:
    """Evaluators are the coordinators of the organisation running the call (membership,
    not superuser status: a score names a real member of the school)."""
    organisation_id = call.project.organisation_id
    return organisation_id in access.organisation_ids(user, role=Membership.Role.COORDINATOR)


def evaluator_points(application: SelectionApplication, user) -> dict[int, int]:
    """The user's points for the application, by criterion id."""
    return dict(application.scores.filter(evaluator=user).values_list("criterion_id", "points"))


@dataclass
class RankedApplication:
    """An application with its standing, laid out for the pages: values in the order of
    the call's criteria."""

    application: SelectionApplication
    standing: ranking.Standing
    averages: list = field(default_factory=list)
    # (evaluator, [points per criterion]) for every member of the panel.
    evaluator_rows: list = field(default_factory=list)

    @property
    def missing_scores(self) -> int:
        return self.standing.scores_needed - self.standing.scores_given


@dataclass
class CallRanking:
    criteria: list[SelectionCriterion]
    rows: list[RankedApplication]
    evaluators: list

    @property
    def ranked(self) -> list[RankedApplication]:
        return [row for row in self.rows if row.standing.complete]

    @property
    def incomplete(self) -> list[RankedApplication]:
        return [row for row in self.rows if not row.standing.complete]

    def by_application(self) -> dict[int, RankedApplication]:
        return {row.application.pk: row for row in self.rows}

    @property
    def weight_shares(self) -> list[tuple[SelectionCriterion, Decimal]]:
        """Each criterion with its share of the total weight, in per cent."""
        total = sum((c.weight for c in self.criteria), Decimal(0))
        return [
            (c, round_half_up(100 * c.weight / total, Decimal("0.1")) if total else None)
            for c in self.criteria
        ]


def call_ranking(call: SelectionCall) -> CallRanking:
    """Every application of the call, ranked ones first (best first), then incomplete."""
    criteria = call_criteria(call)
    applications = {a.pk: a for a in call_applications(call)}
    standings = ranking.rank(
        [ranking.Criterion(c.pk, c.weight, c.max_score) for c in criteria],
        [_candidate(application) for application in applications.values()],
    )
    evaluators = _panel(applications.values())
    rows = [
        _row(applications[standing.id], standing, criteria, evaluators) for standing in standings
    ]
    return CallRanking(criteria=criteria, rows=rows, evaluators=evaluators)


def _candidate(application: SelectionApplication) -> ranking.Candidate:
    return ranking.Candidate(
        id=application.pk,
        fewer_opportunities=application.applicant.fewer_opportunities,
        submitted_on=application.submitted_on,
        points={(s.criterion_id, s.evaluator_id): s.points for s in application.scores.all()},
    )


def _panel(applications) -> list:
    evaluators = {s.evaluator_id: s.evaluator for a in applications for s in a.scores.all()}
    return [evaluators[pk] for pk in sorted(evaluators)]


def _row(application, standing, criteria, evaluators) -> RankedApplication:
    points = {(s.criterion_id, s.evaluator_id): s.points for s in application.scores.all()}
    return RankedApplication(
        application=application,
        standing=standing,
        averages=[standing.averages.get(c.pk) for c in criteria],
        evaluator_rows=[
            (evaluator, [points.get((c.pk, evaluator.pk)) for c in criteria])
            for evaluator in evaluators
        ],
    )
