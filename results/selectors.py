"""What a mobility achieved, read for its pages and documents; the project's dissemination
events, with their totals computed by the database."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from core import access
from core.collation import latvian
from core.listing import Filter, ListSpec
from reporting.models import LearningOutcomeUnit

from .models import (
    DisseminationEvent,
    EventKind,
    LearningTransfer,
    OlsAssessment,
    Reach,
    Recognition,
    SurveyQuestion,
    UnitAssessment,
)


@dataclass(frozen=True)
class UnitRow:
    unit: LearningOutcomeUnit
    assessment: UnitAssessment | None


def unit_rows(mobility) -> list[UnitRow]:
    """The learning agreement's units in order, each with its assessment (or None)."""
    units = LearningOutcomeUnit.objects.filter(details__mobility=mobility).select_related(
        "assessment_result"
    )
    return [UnitRow(unit, getattr(unit, "assessment_result", None)) for unit in units]


def recognition_of(mobility) -> Recognition | None:
    return Recognition.objects.filter(mobility=mobility).first()


def survey_question_get(user, pk: int):
    """A survey question of a project of the user's organisation (404 otherwise)."""
    queryset = SurveyQuestion.objects.select_related("project__organisation")
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


def ols_of(mobility) -> OlsAssessment | None:
    return OlsAssessment.objects.filter(mobility=mobility).first()


# Dissemination and the transfer of learning


@dataclass(frozen=True)
class EventTotals:
    """What the events of a list reached, summed by the database."""

    events: int
    inside: int
    outside: int


def project_events(project) -> QuerySet[DisseminationEvent]:
    return DisseminationEvent.objects.filter(project=project).select_related(
        "mobility__participant", "goal"
    )


def event_list_spec() -> ListSpec:
    return ListSpec(
        search_fields=("title", "audience", "presented_by", "description"),
        filters={
            "kind": Filter(_("Kind"), "kind", EventKind.choices),
            "reach": Filter(_("Inside or outside the school"), "reach", Reach.choices),
        },
        sorts={
            "date": ("-held_on", "-pk"),
            "title": (latvian("title"), "pk"),
            "size": ("audience_size", "pk"),
        },
        default_sort="date",
    )


def event_totals(events: QuerySet[DisseminationEvent]) -> EventTotals:
    """The number of `events` and the audience they reached inside and outside the school,
    in one query."""
    figures = events.order_by().aggregate(
        events=Count("pk"),
        inside=Sum("audience_size", filter=Q(reach=Reach.INSIDE)),
        outside=Sum("audience_size", filter=Q(reach=Reach.OUTSIDE)),
    )
    return EventTotals(
        events=figures["events"], inside=figures["inside"] or 0, outside=figures["outside"] or 0
    )


def event_get(user, pk: int) -> DisseminationEvent:
    queryset = DisseminationEvent.objects.select_related(
        "project__organisation", "project__erasmus_plan", "mobility__participant", "goal"
    )
    return access.get_for_user(queryset, user, "project__organisation", pk=pk)


def learning_transfer_of(mobility) -> LearningTransfer | None:
    return LearningTransfer.objects.filter(mobility=mobility).select_related("updated_by").first()
