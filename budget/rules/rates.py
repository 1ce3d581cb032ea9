"""The unit costs and limits of each call year, as data.

Figures are those of the Erasmus+ Programme Guide 2026 (the same in 2025). A new call
year is a new entry in RATE_TABLES, never a change in the logic that reads it. The
`rate_table(call_year)` object is also what the read-only "rates and rules" page shows.

The daily individual-support rates are not in the table: the national agency fixes them
in each grant agreement within the table's ranges. DEFAULT_INDIVIDUAL_SUPPORT_RATES is a
documented default, typical of the Latvian national agency (staff 180/160/140, learners
120/100/90 EUR in groups 1/2/3), used only when no grant agreement gives the rates.
"""

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from .activities import Activity
from .categories import BudgetCategory
from .countries import CountryGroup
from .errors import Problem, RuleError


class RateKind(StrEnum):
    """Which individual-support rate a person gets. Accompanying persons and incoming
    experts and teachers are paid at staff rates."""

    STAFF = "staff"
    LEARNER = "learner"


@dataclass(frozen=True)
class TravelBand:
    """One distance band: `min_km` <= one-way distance < `max_km` (None: no upper end)."""

    label: str
    min_km: Decimal
    max_km: Decimal | None
    standard: Decimal
    green: Decimal

    def contains(self, km: Decimal) -> bool:
        return self.min_km <= km and (self.max_km is None or km < self.max_km)

    def amount(self, green_travel: bool) -> Decimal:
        return self.green if green_travel else self.standard


@dataclass(frozen=True)
class RateRange:
    """The range within which the national agency fixes a daily individual-support rate."""

    kind: RateKind
    group: CountryGroup
    minimum: Decimal
    maximum: Decimal

    def __contains__(self, rate: Decimal) -> bool:
        return self.minimum <= rate <= self.maximum


@dataclass(frozen=True)
class IndividualSupportRates:
    """Daily individual-support rates in EUR, fixed by the national agency in each grant
    agreement within the Programme Guide's ranges."""

    staff_group_1: Decimal
    staff_group_2: Decimal
    staff_group_3: Decimal
    learner_group_1: Decimal
    learner_group_2: Decimal
    learner_group_3: Decimal

    def rate(self, kind: RateKind, group: CountryGroup) -> Decimal:
        rate: Decimal = getattr(self, rate_field(kind, group))
        return rate


def rate_field(kind: RateKind, group: CountryGroup) -> str:
    """The IndividualSupportRates attribute holding one rate, e.g. "learner_group_2"."""
    return f"{RateKind(kind).value}_group_{int(group)}"


class TransferCheck(StrEnum):
    """What a rule on the transfers between budget categories checks."""

    # The category's final amount, transfers in included, at most `share` of the awarded
    # total (or `small_award_cap` when the awarded total is at most `small_award`).
    CAP_OF_AWARD = "cap_of_award"
    # Money moved into the category needs the national agency's approval.
    APPROVAL = "approval"
    # At most a percentage of a category's award moved out of it (or into it): the
    # percentage is a setting of the project, named by `setting`.
    OUT_LIMIT = "out_limit"
    IN_LIMIT = "in_limit"


@dataclass(frozen=True)
class TransferRule:
    """A rule the transfers between categories of a project's final figures meet or
    break. `category` None: every category. `setting` names the project's finance setting
    holding the figure, for a rule the domain reference does not state."""

    code: str
    check: TransferCheck
    category: BudgetCategory | None = None
    share: Decimal | None = None
    small_award: Decimal | None = None
    small_award_cap: Decimal | None = None
    setting: str | None = None

    @property
    def from_project(self) -> bool:
        return self.setting is not None


@dataclass(frozen=True)
class RateTable:
    """Every unit cost and limit of one call year. Shares are fractions (0.80 is 80%)."""

    call_year: int
    travel_bands: tuple[TravelBand, ...]
    individual_support_ranges: tuple[RateRange, ...]
    # Days 1..full_rate_days at the full rate, later days at reduced_rate_share of it.
    full_rate_days: int
    reduced_rate_share: Decimal
    # Travel days funded by individual support, with standard and with green travel.
    max_travel_days_standard: int
    max_travel_days_green: int
    # An accompanying person's days beyond this stay come from inclusion support.
    accompanying_person_max_days: int
    organisational_support: MappingProxyType[Activity, Decimal]
    # Participants of a reduced activity beyond the first `full_participants` (counted
    # per activity type) get organisational_support_reduced.
    organisational_support_reduced: Decimal
    organisational_support_full_participants: int
    organisational_support_reduced_activities: frozenset[Activity]
    organisational_support_third_country: Decimal
    inclusion_support: Decimal
    inclusion_real_costs_share: Decimal
    preparatory_visit: Decimal
    course_fee_per_day: Decimal
    course_max_days: int
    linguistic_support: Decimal
    linguistic_support_reinforced: Decimal
    linguistic_support_activities: frozenset[Activity]
    expensive_travel_threshold: Decimal
    expensive_travel_share: Decimal
    financial_guarantee_share: Decimal
    visa_and_medical_share: Decimal
    course_fees_share_of_grant: Decimal
    course_fees_small_grant: Decimal
    course_fees_small_grant_cap: Decimal
    third_country_share_of_grant: Decimal
    max_participants_per_visit: int
    max_visits_per_host: int
    max_people_per_course: int
    max_courses_per_person: int
    # Checked against the transfers between categories that the final figures imply.
    transfer_rules: tuple[TransferRule, ...]

    @property
    def organisational_support_reduced_from(self) -> int:
        """The first rank in an activity type paid the reduced organisational support."""
        return self.organisational_support_full_participants + 1

    def max_travel_days(self, green_travel: bool) -> int:
        return self.max_travel_days_green if green_travel else self.max_travel_days_standard

    def band_for(self, km: Decimal) -> TravelBand:
        return next(band for band in self.travel_bands if band.contains(km))

    def range_for(self, kind: RateKind, group: CountryGroup) -> RateRange:
        return next(
            r for r in self.individual_support_ranges if r.kind == kind and r.group == group
        )


def _bands(*rows: tuple[str, int, int | None, int, int]) -> tuple[TravelBand, ...]:
    return tuple(
        TravelBand(
            label,
            Decimal(low),
            None if high is None else Decimal(high),
            Decimal(standard),
            Decimal(green),
        )
        for label, low, high, standard, green in rows
    )


def _ranges(kind: RateKind, *limits: tuple[int, int]) -> tuple[RateRange, ...]:
    return tuple(
        RateRange(kind, group, Decimal(low), Decimal(high))
        for group, (low, high) in zip(CountryGroup, limits, strict=True)
    )


# Course fees together at most half of the awarded grant, or 20 000 EUR of a grant of at
# most 40 000 EUR: a limit on the plan and on the final figures alike.
_COURSE_FEES_SHARE = Decimal("0.50")
_COURSE_FEES_SMALL_GRANT = Decimal(40000)
_COURSE_FEES_SMALL_GRANT_CAP = Decimal(20000)

_GUIDE_2025_2026 = RateTable(
    call_year=2025,
    travel_bands=_bands(
        # Below 10 km there is no travel grant.
        ("0-9", 0, 10, 0, 0),
        ("10-99", 10, 100, 28, 56),
        ("100-499", 100, 500, 211, 285),
        ("500-1999", 500, 2000, 309, 417),
        ("2000-2999", 2000, 3000, 395, 535),
        ("3000-3999", 3000, 4000, 580, 785),
        ("4000-7999", 4000, 8000, 1188, 1188),
        ("8000+", 8000, None, 1735, 1735),
    ),
    individual_support_ranges=(
        _ranges(RateKind.STAFF, (107, 191), (95, 169), (84, 148))
        + _ranges(RateKind.LEARNER, (48, 127), (41, 110), (36, 93))
    ),
    full_rate_days=14,
    reduced_rate_share=Decimal("0.70"),
    max_travel_days_standard=2,
    max_travel_days_green=6,
    accompanying_person_max_days=60,
    organisational_support=MappingProxyType(
        {
            Activity.LEARNER_SKILLS_COMPETITION: Decimal(100),
            Activity.LEARNER_GROUP: Decimal(100),
            Activity.LEARNER_SHORT_TERM: Decimal(350),
            Activity.LEARNER_ERASMUSPRO: Decimal(500),
            Activity.STAFF_JOB_SHADOWING: Decimal(350),
            Activity.STAFF_TEACHING: Decimal(350),
            Activity.STAFF_COURSE: Decimal(100),
            Activity.INVITED_EXPERT: Decimal(100),
            Activity.HOSTED_TEACHER: Decimal(100),
            # The preparatory visit's unit cost replaces every other category.
            Activity.PREPARATORY_VISIT: Decimal(0),
        }
    ),
    organisational_support_reduced=Decimal(200),
    organisational_support_full_participants=100,
    organisational_support_reduced_activities=frozenset(
        {Activity.LEARNER_SHORT_TERM, Activity.STAFF_JOB_SHADOWING, Activity.STAFF_TEACHING}
    ),
    organisational_support_third_country=Decimal(500),
    inclusion_support=Decimal(125),
    inclusion_real_costs_share=Decimal("1.00"),
    preparatory_visit=Decimal(680),
    course_fee_per_day=Decimal(80),
    course_max_days=10,
    linguistic_support=Decimal(150),
    linguistic_support_reinforced=Decimal(150),
    linguistic_support_activities=frozenset(
        {
            Activity.STAFF_JOB_SHADOWING,
            Activity.STAFF_TEACHING,
            Activity.LEARNER_SHORT_TERM,
            Activity.LEARNER_ERASMUSPRO,
            Activity.HOSTED_TEACHER,
        }
    ),
    expensive_travel_threshold=Decimal("0.70"),
    expensive_travel_share=Decimal("0.80"),
    financial_guarantee_share=Decimal("0.80"),
    visa_and_medical_share=Decimal("1.00"),
    course_fees_share_of_grant=_COURSE_FEES_SHARE,
    course_fees_small_grant=_COURSE_FEES_SMALL_GRANT,
    course_fees_small_grant_cap=_COURSE_FEES_SMALL_GRANT_CAP,
    third_country_share_of_grant=Decimal("0.20"),
    max_participants_per_visit=3,
    max_visits_per_host=1,
    max_people_per_course=3,
    max_courses_per_person=1,
    transfer_rules=(
        TransferRule(
            "course_fees_cap",
            TransferCheck.CAP_OF_AWARD,
            BudgetCategory.COURSE_FEES,
            share=_COURSE_FEES_SHARE,
            small_award=_COURSE_FEES_SMALL_GRANT,
            small_award_cap=_COURSE_FEES_SMALL_GRANT_CAP,
        ),
        # Inclusion support for participants is paid on real costs the agency approves.
        TransferRule(
            "inclusion_approval", TransferCheck.APPROVAL, BudgetCategory.INCLUSION_SUPPORT
        ),
        # The domain reference states no limit on moving money between the other
        # categories: the project enters its grant agreement's, if it has one.
        TransferRule("out_limit", TransferCheck.OUT_LIMIT, setting="transfer_out_limit_percent"),
        TransferRule("in_limit", TransferCheck.IN_LIMIT, setting="transfer_in_limit_percent"),
    ),
)

RATE_TABLES: MappingProxyType[int, RateTable] = MappingProxyType(
    {2025: _GUIDE_2025_2026, 2026: replace(_GUIDE_2025_2026, call_year=2026)}
)
LATEST_CALL_YEAR = max(RATE_TABLES)


def _rates(staff: tuple[int, int, int], learner: tuple[int, int, int]) -> IndividualSupportRates:
    return IndividualSupportRates(*(Decimal(rate) for rate in staff + learner))


# A documented default, typical of the Latvian national agency (VIAA): the grant
# agreement fixes the real rates, and they override these.
DEFAULT_INDIVIDUAL_SUPPORT_RATES: MappingProxyType[int, IndividualSupportRates] = MappingProxyType(
    {
        2025: _rates(staff=(180, 160, 140), learner=(120, 100, 90)),
        2026: _rates(staff=(180, 160, 140), learner=(120, 100, 90)),
    }
)


def rate_table(call_year: int) -> RateTable:
    """The rate table of a call year; RuleError (field "call_year") for an unknown year."""
    table = RATE_TABLES.get(call_year)
    if table is None:
        values = {"year": call_year, "known": tuple(sorted(RATE_TABLES))}
        raise RuleError([Problem("call_year", "call_year", values)])
    return table


def validate_rates(call_year: int, rates: IndividualSupportRates) -> list[Problem]:
    """Each rate inside the Programme Guide's range for its group; the problem's field is
    the IndividualSupportRates attribute (e.g. "staff_group_1")."""
    table = rate_table(call_year)
    problems = []
    for rate_range in table.individual_support_ranges:
        name = rate_field(rate_range.kind, rate_range.group)
        rate = getattr(rates, name)
        if rate not in rate_range:
            values = {"rate": rate, "minimum": rate_range.minimum, "maximum": rate_range.maximum}
            problems.append(Problem(name, "rate_range", values))
    return problems
