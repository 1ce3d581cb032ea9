"""The grant of a whole project: every mobility, the totals and the project-level checks.

The project-level rules (caps on course fees and third countries, limits on preparatory
visits and courses, spending per category) are warnings, not errors: the national agency
decides, and a plan may be corrected later. They are notices (a code and its figures),
worded when read (notices.py).
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

from core.money import ZERO

from .activities import Activity, Role
from .categories import BudgetCategory
from .errors import Problem, RuleError
from .gazetteer import normalise_name
from .grant import MobilityGrant, MobilityInput, assess_mobility
from .limits import MAX_PROJECT_AMOUNT, amount_problem
from .notices import TOTAL, Notice, category_label, overrun_text
from .rates import (
    DEFAULT_INDIVIDUAL_SUPPORT_RATES,
    IndividualSupportRates,
    RateTable,
    rate_table,
    validate_rates,
)

_CATEGORIES = frozenset(BudgetCategory)
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class ProjectQuote:
    call_year: int
    mobilities: tuple[MobilityGrant, ...]
    notices: tuple[Notice, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """The project's notices as sentences in the active language."""
        return tuple(str(notice) for notice in self.notices)

    @property
    def totals(self) -> dict[str, Decimal]:
        """Each category's total, in BudgetCategory order, then "total"."""
        totals = planned_amounts(self.mobilities)
        totals[TOTAL] = sum(totals.values(), ZERO)
        return totals


def quote_project(
    call_year: int,
    mobilities: Sequence[MobilityInput],
    *,
    rates: IndividualSupportRates | None = None,
    awarded_total: Decimal | None = None,
    awarded: Mapping[str, Decimal] | None = None,
    spent: Mapping[str, Decimal] | None = None,
) -> ProjectQuote:
    """Quote every mobility (organisational support ranks participants in input order);
    one RuleError with the problems of all of them. Without `rates`, the documented
    defaults of the call year apply."""
    table = rate_table(call_year)
    if rates is None:
        rates = DEFAULT_INDIVIDUAL_SUPPORT_RATES[call_year]
    problems = validate_rates(call_year, rates) + _check_refs(mobilities)
    problems += _check_awarded(awarded_total, awarded, spent)
    grants = []
    for m, ordinal in zip(mobilities, activity_ordinals(mobilities), strict=True):
        grant, found = assess_mobility(m, table=table, rates=rates, ordinal_in_activity=ordinal)
        problems += found
        if grant is not None:
            grants.append(grant)
    if problems:
        raise RuleError(problems)
    notices = project_notices(
        call_year, grants, awarded_total=awarded_total, awarded=awarded, spent=spent
    )
    return ProjectQuote(call_year, tuple(grants), tuple(notices))


class Ranked(Protocol):
    """What ranks a mobility: its activity type and its role."""

    @property
    def activity(self) -> str: ...

    @property
    def role(self) -> str: ...


def activity_ordinals(mobilities: Iterable[Ranked]) -> list[int]:
    """Each mobility's rank among the participants of its activity type, in input order:
    the rank that decides organisational support (reduced from the rate table's rank on).
    Accompanying persons are not counted (they get no organisational support).

    The one statement of the rule: budget.selectors ranks a stored mobility with it too."""
    seen: dict[str, int] = defaultdict(int)
    ordinals = []
    for m in mobilities:
        if m.role == Role.PARTICIPANT:
            seen[m.activity] += 1
        ordinals.append(max(seen[m.activity], 1))
    return ordinals


def _check_refs(mobilities: Iterable[MobilityInput]) -> list[Problem]:
    problems, seen = [], set()
    for m in mobilities:
        if not m.ref:
            problems.append(Problem("ref", "required", {"case": "ref"}))
        elif m.ref in seen:
            problems.append(Problem("ref", "duplicate_ref", ref=m.ref))
        seen.add(m.ref)
    return problems


def _check_awarded(
    awarded_total: Decimal | None,
    awarded: Mapping[str, Decimal] | None,
    spent: Mapping[str, Decimal] | None,
) -> list[Problem]:
    problems = []
    if awarded_total is not None and (
        problem := amount_problem("awarded_total", awarded_total, MAX_PROJECT_AMOUNT)
    ):
        problems.append(problem)
    for name, amounts in (("awarded", awarded), ("spent", spent)):
        for key, amount in (amounts or {}).items():
            if key not in _CATEGORIES:
                problems.append(Problem(name, "category", {"key": key}))
            elif problem := amount_problem(f"{name}.{key}", amount, MAX_PROJECT_AMOUNT):
                problems.append(problem)
    return problems


def project_notices(
    call_year: int,
    grants: Sequence[MobilityGrant],
    *,
    awarded_total: Decimal | None = None,
    awarded: Mapping[str, Decimal] | None = None,
    spent: Mapping[str, Decimal] | None = None,
) -> list[Notice]:
    """The project-level rules a set of quoted mobilities breaks. Checks against the
    awarded grant are skipped when `awarded_total` is None."""
    table = rate_table(call_year)
    notices = []
    if awarded_total is not None:
        notices += _course_fees_cap(table, grants, awarded_total)
        notices += _third_country_cap(table, grants, awarded_total)
    notices += _preparatory_visit_limits(table, grants)
    notices += _course_limits(table, grants)
    notices += _overspending(awarded or {}, spent or {})
    planned = planned_amounts(grants)
    for overrun in award_overruns(planned, awarded or {}):
        values = {"planned": overrun.planned, "awarded": overrun.awarded}
        notices.append(Notice("award_overrun", values | {"category": overrun.category}))
    return notices


@dataclass(frozen=True)
class AwardOverrun:
    """More planned than awarded, in one budget category or (category TOTAL) in all."""

    category: str
    planned: Decimal
    awarded: Decimal

    @property
    def excess(self) -> Decimal:
        return self.planned - self.awarded

    @property
    def label(self) -> str:
        return category_label(self.category)


def planned_amounts(grants: Iterable[MobilityGrant]) -> dict[str, Decimal]:
    """Each category's amount over `grants`, in BudgetCategory order."""
    planned = {category.value: ZERO for category in BudgetCategory}
    for grant in grants:
        for line in grant.lines:
            planned[line.category.value] += line.amount
    return planned


def award_overruns(
    planned: Mapping[str, Decimal], awarded: Mapping[str, Decimal]
) -> list[AwardOverrun]:
    """The categories, then the total, planned above the award per category. Nothing is
    checked before an award is known; once it is, a category it leaves out has 0 EUR."""
    if not awarded:
        return []
    overruns = []
    for category in BudgetCategory:
        amount, award = planned.get(category, ZERO), awarded.get(category, ZERO)
        if amount > award:
            overruns.append(AwardOverrun(category.value, amount, award))
    total = sum((planned.get(category, ZERO) for category in BudgetCategory), ZERO)
    awarded_total = sum(awarded.values(), ZERO)
    if total > awarded_total:
        overruns.append(AwardOverrun(TOTAL, total, awarded_total))
    return overruns


def overrun_warnings(overruns: Iterable[AwardOverrun], *, with_mobility: bool = False) -> list[str]:
    """Each overrun as a sentence; `with_mobility` for the one a mobility being planned
    would cause."""
    return [
        overrun_text(o.category, o.planned, o.awarded, with_mobility=with_mobility)
        for o in overruns
    ]


def _course_fees_cap(
    table: RateTable, grants: Sequence[MobilityGrant], awarded_total: Decimal
) -> list[Notice]:
    total = sum((g.amounts[BudgetCategory.COURSE_FEES] for g in grants), ZERO)
    if awarded_total <= table.course_fees_small_grant:
        cap = table.course_fees_small_grant_cap
        notice = Notice(
            "course_fees_above_small_grant_cap",
            {"total": total, "cap": cap, "small": table.course_fees_small_grant},
        )
    else:
        cap = awarded_total * table.course_fees_share_of_grant
        notice = Notice(
            "course_fees_above_share",
            {"total": total, "cap": cap, "share": table.course_fees_share_of_grant},
        )
    return [] if total <= cap else [notice]


def _third_country_cap(
    table: RateTable, grants: Sequence[MobilityGrant], awarded_total: Decimal
) -> list[Notice]:
    total = sum((g.third_country_amount for g in grants), ZERO)
    cap = awarded_total * table.third_country_share_of_grant
    if total <= cap:
        return []
    values = {"total": total, "cap": cap, "share": table.third_country_share_of_grant}
    return [Notice("third_countries_above_share", values)]


def _preparatory_visit_limits(table: RateTable, grants: Sequence[MobilityGrant]) -> list[Notice]:
    """A mobility without `visit` is a visit of its own, so two such participants going
    to the same host count as two visits."""
    visits: dict[str, list[MobilityGrant]] = defaultdict(list)
    for grant in grants:
        if grant.mobility.activity == Activity.PREPARATORY_VISIT:
            visits[grant.mobility.visit or grant.ref].append(grant)
    notices = []
    for visit, members in visits.items():
        if len(members) > table.max_participants_per_visit:
            values = {"visit": visit, "count": len(members), "refs": _refs(members)}
            notices.append(
                Notice("visit_participants", values | {"max": table.max_participants_per_visit})
            )
    by_host = _group(visits.items(), lambda item: item[1][0].mobility.host)
    for host, host_visits in by_host.items():
        if len(host_visits) > table.max_visits_per_host:
            values = {
                "host": host,
                "count": len(host_visits),
                "visits": tuple(visit for visit, _members in host_visits),
                "max": table.max_visits_per_host,
            }
            notices.append(Notice("visits_per_host", values))
    return notices


def _course_limits(table: RateTable, grants: Sequence[MobilityGrant]) -> list[Notice]:
    """A course is identified by its host and dates: people of the organisation at the
    same host on the same dates attend the same course."""
    courses = [g for g in grants if g.mobility.activity == Activity.STAFF_COURSE]
    notices = []
    same_course = _group(
        courses,
        lambda g: (g.mobility.host, g.mobility.start, g.mobility.end) if g.mobility.host else None,
    )
    for (host, start, end), members in same_course.items():
        if len(members) > table.max_people_per_course:
            values = {"count": len(members), "host": host, "start": start, "end": end}
            values |= {"refs": _refs(members), "max": table.max_people_per_course}
            notices.append(Notice("people_per_course", values))
    for participant, members in _group(courses, lambda g: g.mobility.participant).items():
        if len(members) > table.max_courses_per_person:
            values = {"participant": participant, "count": len(members), "refs": _refs(members)}
            notices.append(
                Notice("courses_per_person", values | {"max": table.max_courses_per_person})
            )
    return notices


def _overspending(awarded: Mapping[str, Decimal], spent: Mapping[str, Decimal]) -> list[Notice]:
    return [
        Notice(
            "overspent",
            {"category": category.value, "spent": spent[category], "awarded": awarded[category]},
        )
        for category in BudgetCategory
        if category in awarded and spent.get(category, ZERO) > awarded[category]
    ]


def _group(items: Iterable[T], key: Callable[[T], K | None]) -> dict[K, list[T]]:
    """Items grouped by `key` (names compared without case and diacritics), in order of
    first appearance; items whose key is empty are left out. Keys keep their first
    spelling."""
    groups: dict[K, list[T]] = {}
    spelling: dict[Hashable, K] = {}
    for item in items:
        value = key(item)
        if not value:
            continue
        normal = _normal(value)
        spelling.setdefault(normal, value)
        groups.setdefault(spelling[normal], []).append(item)
    return groups


def _normal(value: Hashable) -> Hashable:
    if isinstance(value, str):
        return normalise_name(value)
    if isinstance(value, tuple):
        return tuple(_normal(part) for part in value)
    return value


def _refs(grants: Iterable[MobilityGrant]) -> tuple[str, ...]:
    return tuple(grant.ref for grant in grants)
