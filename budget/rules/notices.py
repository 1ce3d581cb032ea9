"""The engine's warnings: a rule code and the figures it concerns, worded when read.

A quote holds notices, not sentences, so that the same quote reads in English and in
Latvian without being computed again: `notice_text` makes the sentence in the active
language (amounts in its number format) when a page, a document or the JSON command
shows it. Each code's figures are raw values: Decimal amounts and shares, counts, names.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import money_text, percent

from .categories import BudgetCategory

# The category of an overrun of the whole award, not of one category.
TOTAL = "total"


@dataclass(frozen=True)
class Notice:
    """A rule the engine warns of (not an error: the national agency decides)."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __str__(self) -> str:
        return notice_text(self)


def notice_text(notice: Notice) -> str:
    """The sentence of a notice, in the active language."""
    return _SENTENCES[notice.code](notice.params)


def overrun_text(
    category: str, planned: Decimal, awarded: Decimal, *, with_mobility: bool = False
) -> str:
    """More planned than awarded in a category (or TOTAL); `with_mobility` for the
    overrun a mobility being planned would cause."""
    if with_mobility:
        in_category = _(
            "%(category)s: with this mobility the project plans %(planned)s EUR, "
            "%(excess)s EUR more than the %(awarded)s EUR awarded."
        )
        in_total = _(
            "In total, with this mobility the project plans %(planned)s EUR, %(excess)s EUR "
            "more than the %(awarded)s EUR awarded."
        )
    else:
        in_category = _(
            "%(category)s: %(planned)s EUR planned, %(excess)s EUR more than the "
            "%(awarded)s EUR awarded."
        )
        in_total = _(
            "In total %(planned)s EUR planned, %(excess)s EUR more than the %(awarded)s EUR "
            "awarded."
        )
    return (in_total if category == TOTAL else in_category) % {
        "category": category_label(category),
        "planned": money_text(planned),
        "excess": money_text(planned - awarded),
        "awarded": money_text(awarded),
    }


def category_label(category: str) -> str:
    return BudgetCategory(category).label if category != TOTAL else _("Total")


def _accompanying_days_beyond(p: Mapping[str, Any]) -> str:
    return ngettext(
        "The accompanying person stays %(days)d days: days beyond %(max)d "
        "(%(excess)d) are not individual support; claim them as inclusion support.",
        "The accompanying person stays %(days)d days: days beyond %(max)d "
        "(%(excess)d) are not individual support; claim them as inclusion support.",
        p["days"],
    ) % {"days": p["days"], "excess": p["excess"], "max": p["max"]}


def _travel_unit_cost_kept(p: Mapping[str, Any]) -> str:
    return _(
        "The travel unit cost (%(unit)s EUR) covers at least %(threshold)s%% of the real "
        "travel cost (%(real)s EUR): the unit cost is kept and expensive travel is not claimed."
    ) % {
        "unit": money_text(p["unit"]),
        "threshold": percent(p["threshold"]),
        "real": money_text(p["real"]),
    }


def _course_fees_above_small_grant_cap(p: Mapping[str, Any]) -> str:
    return _(
        "Course fees total %(total)s EUR, more than the %(cap)s EUR allowed when the "
        "awarded grant is at most %(small)s EUR."
    ) % {
        "total": money_text(p["total"]),
        "cap": money_text(p["cap"]),
        "small": money_text(p["small"]),
    }


def _course_fees_above_share(p: Mapping[str, Any]) -> str:
    return _(
        "Course fees total %(total)s EUR, more than %(percent)s%% of the awarded grant "
        "(%(cap)s EUR)."
    ) % {
        "total": money_text(p["total"]),
        "cap": money_text(p["cap"]),
        "percent": percent(p["share"]),
    }


def _third_countries_above_share(p: Mapping[str, Any]) -> str:
    return _(
        "Mobilities to non-associated third countries total %(total)s EUR, more than "
        "%(percent)s%% of the awarded grant (%(cap)s EUR). Inclusion support real costs "
        "and expensive travel are not counted."
    ) % {
        "total": money_text(p["total"]),
        "cap": money_text(p["cap"]),
        "percent": percent(p["share"]),
    }


def _visit_participants(p: Mapping[str, Any]) -> str:
    return ngettext(
        "Preparatory visit %(visit)s has %(count)d participant (%(refs)s); at most "
        "%(max)d are funded.",
        "Preparatory visit %(visit)s has %(count)d participants (%(refs)s); at most "
        "%(max)d are funded.",
        p["count"],
    ) % {"visit": p["visit"], "count": p["count"], "refs": _refs(p), "max": p["max"]}


def _visits_per_host(p: Mapping[str, Any]) -> str:
    return ngettext(
        "%(host)s receives %(count)d preparatory visit (%(visits)s); at most %(max)d "
        "per host organisation is funded.",
        "%(host)s receives %(count)d preparatory visits (%(visits)s); at most %(max)d "
        "per host organisation is funded.",
        p["count"],
    ) % {
        "host": p["host"],
        "count": p["count"],
        "visits": ", ".join(p["visits"]),
        "max": p["max"],
    }


def _people_per_course(p: Mapping[str, Any]) -> str:
    return ngettext(
        "%(count)d person goes to the same course at %(host)s from %(start)s to "
        "%(end)s (%(refs)s); at most %(max)d people of one organisation may attend it.",
        "%(count)d people go to the same course at %(host)s from %(start)s to %(end)s "
        "(%(refs)s); at most %(max)d people of one organisation may attend it.",
        p["count"],
    ) % {
        "count": p["count"],
        "host": p["host"],
        "start": p["start"],
        "end": p["end"],
        "refs": _refs(p),
        "max": p["max"],
    }


def _courses_per_person(p: Mapping[str, Any]) -> str:
    return ngettext(
        "%(participant)s attends %(count)d course (%(refs)s); at most %(max)d per "
        "person per project is funded.",
        "%(participant)s attends %(count)d courses (%(refs)s); at most %(max)d per "
        "person per project is funded.",
        p["count"],
    ) % {"participant": p["participant"], "count": p["count"], "refs": _refs(p), "max": p["max"]}


def _overspent(p: Mapping[str, Any]) -> str:
    return _("%(category)s: %(spent)s EUR spent, more than the %(awarded)s EUR awarded.") % {
        "category": category_label(p["category"]),
        "spent": money_text(p["spent"]),
        "awarded": money_text(p["awarded"]),
    }


def _award_overrun(p: Mapping[str, Any]) -> str:
    return overrun_text(p["category"], p["planned"], p["awarded"])


def _refs(p: Mapping[str, Any]) -> str:
    return ", ".join(p["refs"])


_SENTENCES: Mapping[str, Callable[[Mapping[str, Any]], str]] = {
    "accompanying_days_beyond": _accompanying_days_beyond,
    "travel_unit_cost_kept": _travel_unit_cost_kept,
    "course_fees_above_small_grant_cap": _course_fees_above_small_grant_cap,
    "course_fees_above_share": _course_fees_above_share,
    "third_countries_above_share": _third_countries_above_share,
    "visit_participants": _visit_participants,
    "visits_per_host": _visits_per_host,
    "people_per_course": _people_per_course,
    "courses_per_person": _courses_per_person,
    "overspent": _overspent,
    "award_overrun": _award_overrun,
}
