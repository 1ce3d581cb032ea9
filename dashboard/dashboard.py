"""What a project's dashboard shows: progress towards the Erasmus plan's goals,
mobilities by activity and status, the budget, the next departures and returns, and the
to-do list. Each part is a fixed number of queries, whatever the project's size."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.cache import cache
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from budget.selectors import project_budget
from mobilities.models import (
    LEARNER_MOBILITY,
    EuropassStatus,
    Mobility,
    MobilityFile,
    PreparationItem,
)
from reporting.models import AgreementVersion
from reporting.progress import activity_status_table, goal_progress

UPCOMING = 5
TODO_SHOWN = 5
OLS_NOTICE = timedelta(days=14)
# From approval on, a mobility needs the participant's signed grant agreement.
AGREEMENT_STATUSES = ("approved", "contracted", "ongoing", "completed")


@dataclass
class TodoGroup:
    key: str
    label: str
    count: int
    mobilities: list = field(default_factory=list)


def upcoming(project, today: date) -> dict:
    active = project.mobilities.exclude(status=Mobility.Status.CANCELLED).select_related(
        "participant"
    )
    return {
        "departures": list(active.filter(start_date__gte=today).order_by("start_date")[:UPCOMING]),
        "returns": list(
            active.filter(start_date__lt=today, end_date__gte=today).order_by("end_date")[:UPCOMING]
        ),
    }


def _open_steps(**conditions):
    return PreparationItem.objects.filter(
        mobility=OuterRef("pk"),
        status__in=[PreparationItem.Status.TO_DO, PreparationItem.Status.IN_PROGRESS],
        **conditions,
    )


def _has_file(kind: str):
    return Exists(MobilityFile.objects.filter(mobility=OuterRef("pk"), kind=kind))


def _agreement_signed():
    """Signed online (the current version), or on paper: a scan kept for a mobility
    whose agreement was never sent for online signing."""
    versions = AgreementVersion.objects.filter(mobility=OuterRef("pk"))
    signed = Exists(versions.filter(status=AgreementVersion.Status.SIGNED)) | (
        ~Exists(versions) & _has_file("grant_agreement")
    )
    return ExpressionWrapper(signed, output_field=BooleanField())


def todo(project, today: date) -> list[TodoGroup]:
    """What is missing, most urgent kinds first; empty groups are left out. One query
    counts every kind, then one per non-empty kind lists its first mobilities."""
    active = project.mobilities.exclude(status=Mobility.Status.CANCELLED).annotate(
        has_agreement=_agreement_signed(),
        has_attendance=_has_file("attendance_proof"),
        ols_open=Exists(_open_steps(kind=PreparationItem.Kind.OLS_INVITATION)),
        overdue=Exists(_open_steps(due_date__lt=today)),
    )
    ended = Q(end_date__lt=today)
    conditions = {
        "agreements": (
            _("Grant agreements not signed yet"),
            Q(status__in=AGREEMENT_STATUSES, has_agreement=False),
        ),
        "attendance": (_("Proof of attendance missing"), ended & Q(has_attendance=False)),
        "ols": (
            _("OLS invitations not sent"),
            Q(start_date__lte=today + OLS_NOTICE, end_date__gte=today, ols_open=True),
        ),
        "reports": (
            _("Participant reports not submitted"),
            ended & ~Q(participant_report="submitted"),
        ),
        "preparation": (
            _("Preparation steps overdue"),
            Q(start_date__gte=today, overdue=True),
        ),
        "europass": (
            _europass_label,
            ended & LEARNER_MOBILITY & ~Q(europass_status=EuropassStatus.ISSUED),
        ),
    }
    counts = active.aggregate(
        **{key: Count("pk", filter=condition) for key, (_l, condition) in conditions.items()}
    )
    groups = []
    for key, (label, condition) in conditions.items():
        if counts[key]:
            shown = active.filter(condition).select_related("participant").order_by("start_date")
            label = label(counts[key]) if callable(label) else label
            groups.append(TodoGroup(key, label, counts[key], list(shown[:TODO_SHOWN])))
    return groups


def _europass_label(count: int) -> str:
    return ngettext(
        "%(n)d learner back from their mobility without a Europass Mobility",
        "%(n)d learners back from their mobility without a Europass Mobility",
        count,
    ) % {"n": count}


DASHBOARD_CACHE_SECONDS = 24 * 60 * 60


def dashboard_html(project, today: date) -> str:
    """The dashboard's body, cached per project version, language and day: any change to
    the project bumps its version, so a cached body is never out of date."""
    key = f"dashboard:{project.pk}:{project.version}:{get_language()}:{today.isoformat()}"
    html = cache.get(key)
    if html is None:
        context = {"project": project, **dashboard(project, today)}
        html = render_to_string("projects/_dashboard.html", context)
        cache.set(key, str(html), DASHBOARD_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there


def dashboard(project, today: date) -> dict:
    budget = project_budget(project)
    return {
        "goals": goal_progress(project),
        "activities": activity_status_table(project),
        "budget": budget,
        "rule_count": len(budget.notices) + len(budget.unfundable),
        # The budget page lists every one; the dashboard only the first, like the to-dos.
        "unfundable_shown": budget.unfundable[:TODO_SHOWN],
        "budget_chart": budget_chart(budget),
        "upcoming": upcoming(project, today),
        "todo": todo(project, today),
    }


def budget_chart(budget) -> list[dict]:
    """Bars of planned, awarded and spent per category, as percentages of the largest."""
    largest = max([max(row.planned, row.awarded, row.spent) for row in budget.rows] + [Decimal(1)])

    def width(value):
        return round(float(value * 100 / largest), 1)

    return [
        {
            "row": row,
            "planned": width(row.planned),
            "awarded": width(row.awarded),
            "spent": width(row.spent),
        }
        for row in budget.rows
        if row.planned or row.awarded or row.spent
    ]
