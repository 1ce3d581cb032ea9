"""Translation between the ORM and the pure engine: a mobility row becomes a
MobilityInput, stored grant lines become a MobilityGrant again."""

from typing import TYPE_CHECKING

from budget.rules import (
    Activity,
    BudgetCategory,
    ExceptionalCosts,
    Line,
    MobilityGrant,
    MobilityInput,
    Place,
)

if TYPE_CHECKING:
    # Imported for types only: mobilities.validation imports this module.
    from budget.models import MobilityGrant as StoredGrant
    from mobilities.models import Mobility


def mobility_ref(mobility: "Mobility") -> str:
    return f"MOB-{mobility.number:05d}" if mobility.number else "MOB-new"


def mobility_input(mobility: "Mobility") -> MobilityInput:
    """The engine's view of a mobility; reads its participant, host and group."""
    participant = mobility.participant if mobility.participant_id else None
    visit = None
    if mobility.activity_type == Activity.PREPARATORY_VISIT and mobility.group is not None:
        visit = mobility.group.name
    return MobilityInput(
        ref=mobility_ref(mobility),
        activity=mobility.activity_type,
        role=mobility.role,
        start=mobility.start_date,
        end=mobility.end_date,
        travel_days=mobility.travel_days or 0,
        origin=Place(mobility.origin_city, str(mobility.origin_country or "")),
        destination=Place(mobility.destination_city, str(mobility.destination_country or "")),
        distance_km=mobility.distance_km,
        green_travel=mobility.green_travel,
        fewer_opportunities=bool(participant and participant.fewer_opportunities),
        linguistic_support=mobility.linguistic_support,
        course_days=mobility.course_days,
        visit=visit,
        host=mobility.host.name if mobility.host is not None else None,
        participant=f"{participant.full_name} (#{participant.pk})" if participant else None,
        exceptional_costs=ExceptionalCosts(
            expensive_travel_real_cost=mobility.expensive_travel_real_cost,
            financial_guarantee=mobility.financial_guarantee,
            visa_and_medical=mobility.visa_and_medical,
        ),
        inclusion_support_real_costs=mobility.inclusion_support_real_costs,
    )


def stored_grant(mobility: "Mobility", stored: "StoredGrant") -> MobilityGrant:
    """The grant as last stored (a budget.models.MobilityGrant), for project-level checks
    without recomputing it: amounts only, the lines' reasons are not stored."""
    lines = tuple(Line(category, getattr(stored, category)) for category in BudgetCategory)
    return MobilityGrant(
        mobility_input(mobility),
        stored.distance_km,
        stored.band or None,
        stored.funded_days or 0,
        lines,
        third_country_amount=stored.third_country_amount,
    )
