"""The grant of one mobility: its validation and its eight budget lines.

`quote_mobility` checks everything first and raises one RuleError with every problem,
then computes each category with the reasons (rule codes and figures) that produced it,
worded when read (explanations.py).
Problem fields are the mobility model's field names, as in eligibility.py
("end_date", "destination_city"); the JSON command maps them to its own keys.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from core.money import CENT, WHOLE_EURO, ZERO, round_half_up

from .activities import Activity, ActivitySpec, Audience, Role, spec_for
from .categories import BudgetCategory
from .countries import country_group, is_non_associated_third_country, is_programme_country
from .distance import TravelRate, great_circle_km, travel_band
from .eligibility import check_dates, check_destination, check_duration, check_travel_days
from .eligibility import duration_days as physical_days
from .errors import Problem, RuleError
from .explanations import Reason, explanation_text
from .gazetteer import is_known_country, resolve_place
from .limits import MAX_REAL_COSTS, amount_problem, check_period, distance_problem
from .notices import Notice
from .rates import IndividualSupportRates, RateKind, RateTable, rate_table, validate_rates


@dataclass(frozen=True)
class Place:
    city: str = ""
    country: str = ""


@dataclass(frozen=True)
class ExceptionalCosts:
    """Real costs in EUR claimed as exceptional costs (None: nothing claimed)."""

    expensive_travel_real_cost: Decimal | None = None
    financial_guarantee: Decimal | None = None
    visa_and_medical: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class MobilityInput:
    """One mobility as the engine sees it; mirrors a mobility of the grant_quote JSON.

    For incoming activities (invited experts, hosted teachers) `origin` is the
    participant's home and `destination` the beneficiary. `visit` groups the participants
    of one preparatory visit; `participant` identifies a person across mobilities.
    """

    ref: str
    activity: str
    role: str = Role.PARTICIPANT
    start: date
    end: date
    travel_days: int = 0
    origin: Place | None = None
    destination: Place
    distance_km: Decimal | None = None
    green_travel: bool = False
    fewer_opportunities: bool = False
    linguistic_support: bool = False
    course_days: int | None = None
    visit: str | None = None
    host: str | None = None
    participant: str | None = None
    exceptional_costs: ExceptionalCosts = field(default_factory=ExceptionalCosts)
    inclusion_support_real_costs: Decimal | None = None

    @property
    def is_participant(self) -> bool:
        return self.role == Role.PARTICIPANT


@dataclass(frozen=True)
class Line:
    """One budget category of a mobility: its amount and the reasons for it."""

    category: BudgetCategory
    amount: Decimal
    reasons: tuple[Reason, ...] = ()

    @property
    def explanation(self) -> str:
        """The reasons as one sentence in the active language ("" for none)."""
        return explanation_text(self.reasons)


@dataclass(frozen=True)
class MobilityGrant:
    """The eight lines of one mobility, in BudgetCategory order.

    `third_country_amount` is the part that counts towards the cap on non-associated
    third countries: the whole grant of such a mobility except inclusion support real
    costs and expensive travel; zero elsewhere. `notices` are the rules it warns of.
    """

    mobility: MobilityInput
    distance_km: Decimal | None
    band: str | None
    funded_days: int
    lines: tuple[Line, ...]
    notices: tuple[Notice, ...] = ()
    third_country_amount: Decimal = ZERO

    @property
    def warnings(self) -> tuple[str, ...]:
        """The notices as sentences in the active language."""
        return tuple(str(notice) for notice in self.notices)

    @property
    def ref(self) -> str:
        return self.mobility.ref

    @property
    def amounts(self) -> dict[BudgetCategory, Decimal]:
        return {line.category: line.amount for line in self.lines}

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def quote_mobility(
    m: MobilityInput,
    *,
    call_year: int,
    rates: IndividualSupportRates,
    ordinal_in_activity: int = 1,
    distance_km: Decimal | None = None,
) -> MobilityGrant:
    """The grant of one mobility; RuleError listing every problem of the input.

    `ordinal_in_activity` is the mobility's rank (1-based) among participants of the same
    activity type in the project. `distance_km`, when given, overrides both the
    mobility's own distance and the gazetteer.
    """
    table = rate_table(call_year)
    problems = validate_rates(call_year, rates)
    grant, found = assess_mobility(
        m,
        table=table,
        rates=rates,
        ordinal_in_activity=ordinal_in_activity,
        distance_km=distance_km,
    )
    # Without problems of its own, the mobility has a grant.
    if problems or grant is None:
        raise RuleError(problems + found)
    return grant


def assess_mobility(
    m: MobilityInput,
    *,
    table: RateTable,
    rates: IndividualSupportRates,
    ordinal_in_activity: int,
    distance_km: Decimal | None = None,
) -> tuple[MobilityGrant | None, list[Problem]]:
    """The grant, or None with the problems of this mobility (each naming its ref).
    The rates are assumed valid: the caller checks them once per project."""
    if ordinal_in_activity < 1:
        raise ValueError("ordinal_in_activity is 1-based")
    if distance_km is not None:
        m = replace(m, distance_km=distance_km)
    problems = validate_mobility(m, table)
    # A rejected country makes its cities moot: do not look them up.
    countries_ok = not {p.field for p in problems} & {"origin_country", "destination_country"}
    distance, distance_problems = _distance(m, countries_ok)
    problems = [replace(p, ref=m.ref) for p in problems + distance_problems]
    if problems:
        return None, problems
    return _grant(m, table, rates, ordinal_in_activity, distance), []


# Validation

_ROLES = frozenset(Role)


def validate_mobility(m: MobilityInput, table: RateTable) -> list[Problem]:
    """Every rule broken by the mobility's own fields (places are resolved separately)."""
    spec = _spec(m.activity)
    problems = [] if spec else [Problem("activity_type", "activity")]
    problems += _check_role(m, spec)
    if spec:
        problems += _check_duration(m, spec)
        problems += _check_places(m, spec)
        problems += _check_course_days(m, spec, table)
        problems += _check_linguistic_support(m, table)
        problems += _check_preparatory_visit(m, spec)
    problems += check_travel_days(m.travel_days, m.green_travel, table)
    problems += check_period(m.start, m.end, table.call_year)
    problems += _check_amounts(m)
    return problems


def _spec(activity: str) -> ActivitySpec | None:
    try:
        return spec_for(activity)
    except ValueError:
        return None


def _check_role(m: MobilityInput, spec: ActivitySpec | None) -> list[Problem]:
    if m.role not in _ROLES:
        return [Problem("role", "role")]
    if m.role == Role.ACCOMPANYING_PERSON and spec and spec.audience != Audience.LEARNER:
        return [Problem("role", "accompanying_person")]
    return []


def _check_duration(m: MobilityInput, spec: ActivitySpec) -> list[Problem]:
    if m.role == Role.ACCOMPANYING_PERSON:
        return _check_accompanying_duration(m, spec)
    problems = check_duration(
        spec.activity, m.start, m.end, fewer_opportunities=m.fewer_opportunities
    )
    # The justification of a short stay is kept with the mobility's records; for the
    # grant, fewer opportunities are enough.
    return [p for p in problems if p.code != "justification"]


def _check_accompanying_duration(m: MobilityInput, spec: ActivitySpec) -> list[Problem]:
    """An accompanying person may stay only part of the learners' stay (e.g. travel with
    an ErasmusPro learner and come back), so only the activity's maximum applies."""
    problems = check_dates(m.start, m.end)
    if not problems and spec.max_days and physical_days(m.start, m.end) > spec.max_days:
        values = {"case": "accompanying", "max": spec.max_days}
        problems.append(Problem("end_date", "duration", values))
    return problems


def _check_places(m: MobilityInput, spec: ActivitySpec) -> list[Problem]:
    destination = m.destination.country
    if not destination:
        return [Problem("destination_country", "required", {"case": "destination_country"})]
    problems = _check_country_codes(m)
    if problems:
        return problems
    origin = m.origin.country if m.origin else ""
    # Incoming activities happen at the beneficiary: the destination is its country.
    home = destination if spec.incoming else origin
    problems = check_destination(
        spec.activity,
        destination_country=destination,
        origin_country=origin,
        home_country=home,
    )
    if spec.incoming and not is_programme_country(destination):
        values = {"case": "programme_country"}
        problems.append(Problem("destination_country", "incoming_destination", values))
    return problems + _check_distance_inputs(m, spec)


def _check_country_codes(m: MobilityInput) -> list[Problem]:
    places = [("destination_country", m.destination)]
    if m.origin:
        places.append(("origin_country", m.origin))
    return [
        Problem(name, "country") for name, place in places if not is_known_country(place.country)
    ]


def _check_distance_inputs(m: MobilityInput, spec: ActivitySpec) -> list[Problem]:
    """Without a distance typed by hand, both ends of the trip must be named."""
    if m.distance_km is not None or spec.activity == Activity.PREPARATORY_VISIT:
        return []
    problems = []
    if not (m.origin and m.origin.city):
        problems.append(Problem("origin_city", "required", {"case": "origin"}))
    if not m.destination.city:
        problems.append(Problem("destination_city", "required", {"case": "destination_city"}))
    return problems


def _check_course_days(m: MobilityInput, spec: ActivitySpec, table: RateTable) -> list[Problem]:
    if spec.activity != Activity.STAFF_COURSE:
        if m.course_days is None:
            return []
        return [Problem("course_days", "course_days", {"case": "not_a_course"})]
    maximum = table.course_max_days
    if m.course_days is None or not 1 <= m.course_days <= maximum:
        return [Problem("course_days", "course_days", {"case": "range", "max": maximum})]
    if m.start <= m.end and m.course_days > physical_days(m.start, m.end):
        return [Problem("course_days", "course_days", {"case": "beyond_mobility"})]
    return []


def _check_linguistic_support(m: MobilityInput, table: RateTable) -> list[Problem]:
    if not m.linguistic_support:
        return []
    if m.activity not in table.linguistic_support_activities:
        return [Problem("linguistic_support", "linguistic_support", {"case": "activity"})]
    if not m.is_participant:
        return [Problem("linguistic_support", "linguistic_support", {"case": "participant"})]
    return []


def _check_preparatory_visit(m: MobilityInput, spec: ActivitySpec) -> list[Problem]:
    """A preparatory visit is its unit cost and nothing else: claims beside it are errors."""
    if spec.activity != Activity.PREPARATORY_VISIT:
        return []
    return [Problem(name, "preparatory_visit") for name, amount in _claimed_amounts(m) if amount]


def _check_amounts(m: MobilityInput) -> list[Problem]:
    """Every claimed cost within its bound, and the distance within the Earth's."""
    problems = [
        problem
        for name, amount in _claimed_amounts(m)
        if amount is not None and (problem := amount_problem(name, amount, MAX_REAL_COSTS[name]))
    ]
    if m.distance_km is not None and (problem := distance_problem("distance_km", m.distance_km)):
        problems.append(problem)
    return problems


def _claimed_amounts(m: MobilityInput) -> list[tuple[str, Decimal | None]]:
    costs = m.exceptional_costs
    return [
        ("expensive_travel_real_cost", costs.expensive_travel_real_cost),
        ("financial_guarantee", costs.financial_guarantee),
        ("visa_and_medical", costs.visa_and_medical),
        ("inclusion_support_real_costs", m.inclusion_support_real_costs),
    ]


def _distance(m: MobilityInput, look_up: bool) -> tuple[Decimal | None, list[Problem]]:
    """The distance typed by hand, else from the gazetteer (when `look_up`)."""
    if m.distance_km is not None:
        return round_half_up(m.distance_km, CENT), []
    if not (look_up and m.origin and m.origin.city and m.destination.city):
        return None, []
    ends = (("origin_city", m.origin), ("destination_city", m.destination))
    places, problems = [], []
    for name, place in ends:
        try:
            places.append(resolve_place(place.city, place.country, field=name))
        except RuleError as error:
            problems += error.problems
    if problems:
        return None, problems
    return great_circle_km(places[0].coordinates, places[1].coordinates), []


# Lines


def _grant(
    m: MobilityInput,
    table: RateTable,
    rates: IndividualSupportRates,
    ordinal: int,
    distance: Decimal | None,
) -> MobilityGrant:
    spec = spec_for(m.activity)
    visit = spec.activity == Activity.PREPARATORY_VISIT
    travel = None
    if not visit and distance is not None:
        travel = travel_band(distance, m.green_travel, call_year=table.call_year)
    expensive = _expensive_travel(m, table, travel)
    support, funded_days, notices = _individual_support(m, spec, table, rates)
    inclusion, inclusion_real_costs = _inclusion_support(m, table, visit)
    exceptional, expensive_amount = _exceptional_costs(m, table, expensive)
    lines = (
        _travel_line(travel, visit, expensive),
        support,
        _organisational_support(m, spec, table, ordinal),
        inclusion,
        _preparatory_visit(table, visit),
        _course_fees(m, table),
        _linguistic_support(m, table),
        exceptional,
    )
    real_cost = m.exceptional_costs.expensive_travel_real_cost
    if travel and not expensive and real_cost:
        values = {"unit": travel.amount, "real": real_cost}
        notices.append(
            Notice(
                "travel_unit_cost_kept", values | {"threshold": table.expensive_travel_threshold}
            )
        )
    grant = MobilityGrant(m, distance, travel.band if travel else None, funded_days, lines)
    third_country = ZERO
    if is_non_associated_third_country(m.destination.country):
        third_country = grant.total - inclusion_real_costs - expensive_amount
    return replace(grant, notices=tuple(notices), third_country_amount=third_country)


def _expensive_travel(m: MobilityInput, table: RateTable, travel: TravelRate | None) -> bool:
    """Expensive travel replaces the unit cost when that covers less than the table's
    threshold share of the real cost."""
    real_cost = m.exceptional_costs.expensive_travel_real_cost
    if not (travel and real_cost):
        return False
    return travel.amount < table.expensive_travel_threshold * real_cost


def _travel_line(travel: TravelRate | None, visit: bool, expensive: bool) -> Line:
    category = BudgetCategory.TRAVEL
    if visit:
        return Line(category, ZERO, (Reason("visit_no_travel"),))
    if travel is None:
        raise ValueError("a validated mobility other than a preparatory visit has a distance")
    if expensive:
        values = {"band": travel.band, "unit": travel.amount}
        return Line(category, ZERO, (Reason("expensive_travel_replaces", values),))
    amount = round_half_up(travel.amount)
    values = {"band": travel.band, "amount": amount, "green": travel.green_travel}
    return Line(category, amount, (Reason("travel_band", values),))


def _individual_support(
    m: MobilityInput, spec: ActivitySpec, table: RateTable, rates: IndividualSupportRates
) -> tuple[Line, int, list[Notice]]:
    category = BudgetCategory.INDIVIDUAL_SUPPORT
    if spec.activity == Activity.PREPARATORY_VISIT:
        return Line(category, ZERO, (Reason("visit_no_individual_support"),)), 0, []
    days = physical_days(m.start, m.end)
    notices = []
    excess = 0
    if m.role == Role.ACCOMPANYING_PERSON and days > table.accompanying_person_max_days:
        excess = days - table.accompanying_person_max_days
        values = {"days": days, "excess": excess, "max": table.accompanying_person_max_days}
        notices.append(Notice("accompanying_days_beyond", values))
    funded = days + m.travel_days - excess
    kind = _rate_kind(m, spec)
    group = country_group(m.destination.country)
    rate = rates.rate(kind, group)
    amount, arithmetic = _daily_amounts(funded, rate, table)
    reason = Reason(
        "individual_support",
        {
            "funded": funded,
            "days": days - excess,
            "travel": m.travel_days,
            "group": group,
            "kind": kind,
            **arithmetic,
        },
    )
    return Line(category, amount, (reason,)), funded, notices


def _rate_kind(m: MobilityInput, spec: ActivitySpec) -> RateKind:
    """Learners get learner rates; staff, incoming participants and accompanying persons
    get staff rates."""
    if spec.audience == Audience.LEARNER and m.is_participant:
        return RateKind.LEARNER
    return RateKind.STAFF


def _daily_amounts(
    days: int, rate: Decimal, table: RateTable
) -> tuple[Decimal, dict[str, int | Decimal]]:
    """The full rate for the table's full-rate days, then its reduced share of the rate
    rounded to whole euros, per day; with the figures of that arithmetic."""
    full_days = min(days, table.full_rate_days)
    reduced_days = days - full_days
    reduced_rate = round_half_up(rate * table.reduced_rate_share, WHOLE_EURO)
    amount = round_half_up(full_days * rate + reduced_days * reduced_rate)
    arithmetic: dict[str, int | Decimal] = {
        "full_days": full_days,
        "rate": rate,
        "reduced_days": reduced_days,
        "reduced_rate": reduced_rate,
        "amount": amount,
    }
    return amount, arithmetic


def _organisational_support(
    m: MobilityInput, spec: ActivitySpec, table: RateTable, ordinal: int
) -> Line:
    category = BudgetCategory.ORGANISATIONAL_SUPPORT
    if not m.is_participant:
        return Line(category, ZERO, (Reason("accompanying_no_organisational_support"),))
    if spec.activity == Activity.PREPARATORY_VISIT:
        return Line(category, ZERO, (Reason("visit_no_organisational_support"),))
    values: dict[str, int | Decimal] = {}
    if is_non_associated_third_country(m.destination.country):
        amount = table.organisational_support_third_country
        code = "organisational_support_third_country"
    elif (
        spec.activity in table.organisational_support_reduced_activities
        and ordinal >= table.organisational_support_reduced_from
    ):
        amount = table.organisational_support_reduced
        code = "organisational_support_reduced"
        values = {"ordinal": ordinal, "from": table.organisational_support_reduced_from}
    else:
        amount = table.organisational_support[spec.activity]
        code = "organisational_support"
    amount = round_half_up(amount)
    return Line(category, amount, (Reason(code, values | {"amount": amount}),))


def _inclusion_support(m: MobilityInput, table: RateTable, visit: bool) -> tuple[Line, Decimal]:
    """The line and its real-cost part (not counted in the third-country cap)."""
    reasons, amount = [], ZERO
    if m.fewer_opportunities and m.is_participant and not visit:
        amount += table.inclusion_support
        reasons.append(Reason("fewer_opportunities", {"amount": table.inclusion_support}))
    real_costs = ZERO
    if m.inclusion_support_real_costs:
        share = table.inclusion_real_costs_share
        real_costs = round_half_up(m.inclusion_support_real_costs * share)
        amount += real_costs
        reasons.append(Reason("inclusion_real_costs", {"share": share, "amount": real_costs}))
    return _line(BudgetCategory.INCLUSION_SUPPORT, amount, reasons), real_costs


def _preparatory_visit(table: RateTable, visit: bool) -> Line:
    category = BudgetCategory.PREPARATORY_VISIT
    if not visit:
        return Line(category, ZERO)
    amount = round_half_up(table.preparatory_visit)
    return Line(category, amount, (Reason("preparatory_visit", {"amount": amount}),))


def _course_fees(m: MobilityInput, table: RateTable) -> Line:
    category = BudgetCategory.COURSE_FEES
    # A validated course has its course days.
    if m.activity != Activity.STAFF_COURSE or m.course_days is None:
        return Line(category, ZERO)
    amount = round_half_up(m.course_days * table.course_fee_per_day)
    values = {"days": m.course_days, "rate": table.course_fee_per_day}
    return Line(category, amount, (Reason("course_fees", values),))


def _linguistic_support(m: MobilityInput, table: RateTable) -> Line:
    reasons, amount = [], ZERO
    if m.linguistic_support:
        amount += table.linguistic_support
        reasons.append(Reason("linguistic_support", {"amount": table.linguistic_support}))
    if m.activity == Activity.LEARNER_ERASMUSPRO and m.is_participant:
        reinforced = table.linguistic_support_reinforced
        amount += reinforced
        reasons.append(Reason("linguistic_support_reinforced", {"amount": reinforced}))
    return _line(BudgetCategory.LINGUISTIC_SUPPORT, amount, reasons)


def _exceptional_costs(m: MobilityInput, table: RateTable, expensive: bool) -> tuple[Line, Decimal]:
    """The line and its expensive-travel part (not counted in the third-country cap)."""
    costs = m.exceptional_costs
    claims = [
        (
            "expensive_travel",
            expensive and costs.expensive_travel_real_cost,
            table.expensive_travel_share,
        ),
        ("financial_guarantee", costs.financial_guarantee, table.financial_guarantee_share),
        ("visa_and_medical", costs.visa_and_medical, table.visa_and_medical_share),
    ]
    reasons, amounts = [], []
    for code, cost, share in claims:
        amount = round_half_up(cost * share) if cost else ZERO
        amounts.append(amount)
        if cost:
            reasons.append(Reason(code, {"share": share, "cost": cost, "amount": amount}))
    line = _line(BudgetCategory.EXCEPTIONAL_COSTS, sum(amounts, ZERO), reasons)
    return line, amounts[0]


def _line(category: BudgetCategory, amount: Decimal, reasons: list[Reason]) -> Line:
    return Line(category, round_half_up(amount), tuple(reasons))
