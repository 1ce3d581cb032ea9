"""How long a project's records are kept for the grant's audit: the national agency may
check a KA121 project until AUDIT_RETENTION_YEARS after its final report, which is due
FINAL_REPORT_DAYS after the project ends. Until then, what the audit needs about each
mobility (dates, activity, amounts, signed agreements, proof of attendance, signatures)
is kept even when the participant asks for erasure; from then on, it may be erased.

The dates here are pure functions; the queries only narrow the projects by end date."""

import calendar
from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from projects.models import Project

# The KA121 grant agreement: the final report is due within 60 days of the project's end.
FINAL_REPORT_DAYS = 60


def add_years(day: date, years: int) -> date:
    """The same day `years` later (28 February for a 29 February in a common year)."""
    year = day.year + years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def retention_ends_on(project_end: date, years: int | None = None) -> date:
    """The first day on which the audit no longer needs the project's records."""
    years = settings.AUDIT_RETENTION_YEARS if years is None else years
    return add_years(project_end + timedelta(days=FINAL_REPORT_DAYS), years)


def project_retention_ends_on(project: Project) -> date:
    return retention_ends_on(project.end_date)


def is_held(project: Project, today: date | None = None) -> bool:
    """Whether the audit may still ask for the project's records today."""
    return (today or timezone.localdate()) < project_retention_ends_on(project)


def _latest_end_past_retention(today: date) -> date:
    """Projects that ended on or before this day are past their retention period (one day
    of slack for 29 February; callers confirm with is_held)."""
    return add_years(today, -settings.AUDIT_RETENTION_YEARS) - timedelta(days=FINAL_REPORT_DAYS - 1)


def projects_past_retention(queryset: QuerySet[Project], today: date | None = None) -> list:
    today = today or timezone.localdate()
    candidates = queryset.filter(end_date__lte=_latest_end_past_retention(today))
    candidates = candidates.order_by("end_date", "pk")
    return [project for project in candidates if not is_held(project, today)]
