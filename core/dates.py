"""Calendar arithmetic shared by projects and mobilities, and dates written for people."""

from calendar import monthrange
from datetime import date, timedelta

from django.utils.formats import date_format

PROJECT_START_MONTH = 6
PROJECT_DEFAULT_MONTHS = 15
PROJECT_MAX_MONTHS = 24


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def default_project_period(call_year: int) -> tuple[date, date]:
    """A KA121 project runs 15 months from 1 June of its call year (to 31 August)."""
    start = date(call_year, PROJECT_START_MONTH, 1)
    return start, add_months(start, PROJECT_DEFAULT_MONTHS) - timedelta(days=1)


def latest_project_end(start: date) -> date:
    """A KA121 project may be extended to 24 months at most."""
    return add_months(start, PROJECT_MAX_MONTHS) - timedelta(days=1)


def short_date(day: date) -> str:
    """A date for a message, as the reader's language writes it (01.03.2027. in Latvian)."""
    return date_format(day, "SHORT_DATE_FORMAT")
