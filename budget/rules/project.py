"""The grant of a whole project: every mobility, the totals and the project-level checks.

The project-level rules (caps on course fees and third countries, limits on preparatory
visits and courses, spending per category) are warnings, not errors: the national agency
decides, and a plan may be corrected later.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol, TypeVar

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .activities import Activity, Role
from .categories import BudgetCategory
from .errors import Problem, RuleError
from .gazetteer import normalise_name
from .grant import MobilityGrant, MobilityInput, assess_mobility
from .limits import MAX_PROJECT_AMOUNT, amount_problem
from .money import ZERO, money_text, percent
from .rates import (
    DEFAULT_INDIVIDUAL_SUPPORT_RATES,
    IndividualSupportRates,
    RateTable,
    rate_table,
    validate_rates,
)

TOTAL = "total"
_CATEGORIES = frozenset(BudgetCategory)
T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class ProjectQuote:
    call_year: int
    mobilities: tuple[MobilityGrant, ...]
    warnings: tuple[str, ...]

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
    warnings = project_warnings(
        call_year, grants, awarded_total=awarded_total, awarded=awarded, spent=spent
    )
    return ProjectQuote(call_year, tuple(grants), tuple(warnings))


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
            problems.append(Problem("ref", _("Every mobility needs a reference."), "required"))
        elif m.ref in seen:
            message = _("Another mobility has the same reference.")
            problems.append(Problem("ref", message, "duplicate_ref", m.ref))
        seen.add(m.ref)
    return problems


def _check_awarded(
    awarded_total: Decimal | None,
    awarded: Mapping[str, Decimal] | None,
    spent: Mapping[str, Decimal] | None,
) -> list[Problem]:
    problems = []
    if awarded_total is not None and (message := amount_problem(awarded_total, MAX_PROJECT_AMOUNT)):
        problems.append(Problem("awarded_total", message, "amount_range"))
    for name, amounts in (("awarded", awarded), ("spent", spent)):
        for key, amount in (amounts or {}).items():
            if key not in _CATEGORIES:
                message = _("Unknown budget category %(key)s.") % {"key": key}
                problems.append(Problem(name, message, "category"))
            elif message := amount_problem(amount, MAX_PROJECT_AMOUNT):
                problems.append(Problem(f"{name}.{key}", message, "amount_range"))
    return problems


def project_warnings(
    call_year: int,
    grants: Sequence[MobilityGrant],
    *,
    awarded_total: Decimal | None = None,
    awarded: Mapping[str, Decimal] | None = None,
    spent: Mapping[str, Decimal] | None = None,
) -> list[str]:
    """The project-level rules a set of quoted mobilities breaks, as sentences. Checks
    against the awarded grant are skipped when `awarded_total` is None."""
    table = rate_table(call_year)
    warnings = []
    if awarded_total is not None:
        warnings += _course_fees_cap(table, grants, awarded_total)
        warnings += _third_country_cap(table, grants, awarded_total)
    warnings += _preparatory_visit_limits(table, grants)
    warnings += _course_limits(table, grants)
    warnings += _overspending(awarded or {}, spent or {})
    planned = planned_amounts(grants)
    warnings += overrun_warnings(award_overruns(planned, awarded or {}))
    return warnings


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
        return BudgetCategory(self.category).label if self.category != TOTAL else _("Total")


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
    return [
        (in_total if overrun.category == TOTAL else in_category)
        % {
            "category": overrun.label,
            "planned": money_text(overrun.planned),
            "excess": money_text(overrun.excess),
            "awarded": money_text(overrun.awarded),
        }
        for overrun in overruns
    ]


def _course_fees_cap(
    table: RateTable, grants: Sequence[MobilityGrant], awarded_total: Decimal
) -> list[str]:
    total = sum((g.amounts[BudgetCategory.COURSE_FEES] for g in grants), ZERO)
    if awarded_total <= table.course_fees_small_grant:
        cap = table.course_fees_small_grant_cap
        message = _(
            "Course fees total %(total)s EUR, more than the %(cap)s EUR allowed when the "
            "awarded grant is at most %(small)s EUR."
        )
    else:
        cap = awarded_total * table.course_fees_share_of_grant
        message = _(
            "Course fees total %(total)s EUR, more than %(percent)s%% of the awarded grant "
            "(%(cap)s EUR)."
        )
    if total <= cap:
        return []
    return [
        message
        % {
            "total": money_text(total),
            "cap": money_text(cap),
            "small": money_text(table.course_fees_small_grant),
            "percent": percent(table.course_fees_share_of_grant),
        }
    ]


def _third_country_cap(
    table: RateTable, grants: Sequence[MobilityGrant], awarded_total: Decimal
) -> list[str]:
    total = sum((g.third_country_amount for g in grants), ZERO)
    cap = awarded_total * table.third_country_share_of_grant
    if total <= cap:
        return []
    message = _(
        "Mobilities to non-associated third countries total %(total)s EUR, more than "
        "%(percent)s%% of the awarded grant (%(cap)s EUR). Inclusion support real costs "
        "and expensive travel are not counted."
    )
    values = {
        "total": money_text(total),
        "cap": money_text(cap),
        "percent": percent(table.third_country_share_of_grant),
    }
    return [message % values]


def _preparatory_visit_limits(table: RateTable, grants: Sequence[MobilityGrant]) -> list[str]:
    """A mobility without `visit` is a visit of its own, so two such participants going
    to the same host count as two visits."""
    visits: dict[str, list[MobilityGrant]] = defaultdict(list)
    for grant in grants:
        if grant.mobility.activity == Activity.PREPARATORY_VISIT:
            visits[grant.mobility.visit or grant.ref].append(grant)
    warnings = []
    for visit, members in visits.items():
        if len(members) > table.max_participants_per_visit:
            message = ngettext(
                "Preparatory visit %(visit)s has %(count)d participant (%(refs)s); at most "
                "%(max)d are funded.",
                "Preparatory visit %(visit)s has %(count)d participants (%(refs)s); at most "
                "%(max)d are funded.",
                len(members),
            )
            values = {"visit": visit, "count": len(members), "refs": _refs(members)}
            warnings.append(message % {**values, "max": table.max_participants_per_visit})
    by_host = _group(visits.items(), lambda item: item[1][0].mobility.host)
    for host, host_visits in by_host.items():
        if len(host_visits) > table.max_visits_per_host:
            message = ngettext(
                "%(host)s receives %(count)d preparatory visit (%(visits)s); at most %(max)d "
                "per host organisation is funded.",
                "%(host)s receives %(count)d preparatory visits (%(visits)s); at most %(max)d "
                "per host organisation is funded.",
                len(host_visits),
            )
            values = {
                "host": host,
                "count": len(host_visits),
                "visits": ", ".join(visit for visit, _members in host_visits),
                "max": table.max_visits_per_host,
            }
            warnings.append(message % values)
    return warnings


def _course_limits(table: RateTable, grants: Sequence[MobilityGrant]) -> list[str]:
    """A course is identified by its host and dates: people of the organisation at the
    same host on the same dates attend the same course."""
    courses = [g for g in grants if g.mobility.activity == Activity.STAFF_COURSE]
    warnings = []
    same_course = _group(
        courses,
        lambda g: (g.mobility.host, g.mobility.start, g.mobility.end) if g.mobility.host else None,
    )
    for (host, start, end), members in same_course.items():
        if len(members) > table.max_people_per_course:
            message = ngettext(
                "%(count)d person goes to the same course at %(host)s from %(start)s to "
                "%(end)s (%(refs)s); at most %(max)d people of one organisation may attend it.",
                "%(count)d people go to the same course at %(host)s from %(start)s to %(end)s "
                "(%(refs)s); at most %(max)d people of one organisation may attend it.",
                len(members),
            )
            values = {"count": len(members), "host": host, "start": start, "end": end}
            values |= {"refs": _refs(members), "max": table.max_people_per_course}
            warnings.append(message % values)
    for participant, members in _group(courses, lambda g: g.mobility.participant).items():
        if len(members) > table.max_courses_per_person:
            message = ngettext(
                "%(participant)s attends %(count)d course (%(refs)s); at most %(max)d per "
                "person per project is funded.",
                "%(participant)s attends %(count)d courses (%(refs)s); at most %(max)d per "
                "person per project is funded.",
                len(members),
            )
            values = {"participant": participant, "count": len(members), "refs": _refs(members)}
            warnings.append(message % {**values, "max": table.max_courses_per_person})
    return warnings


def _overspending(awarded: Mapping[str, Decimal], spent: Mapping[str, Decimal]) -> list[str]:
    warnings = []
    for category in BudgetCategory:
        if category in awarded and spent.get(category, ZERO) > awarded[category]:
            message = _("%(category)s: %(spent)s EUR spent, more than the %(awarded)s EUR awarded.")
            values = {
                "category": category.label,
                "spent": money_text(spent[category]),
                "awarded": money_text(awarded[category]),
            }
            warnings.append(message % values)
    return warnings


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


def _refs(grants: Iterable[MobilityGrant]) -> str:
    return ", ".join(grant.ref for grant in grants)
