"""One row of each results model, for tests that walk every admin page."""

from datetime import date
from decimal import Decimal

from reporting.services import learning_outcome_units_replace
from results import dissemination, services
from results.models import DisseminationEvent, LearningTransfer, Recognition, UnitAssessment
from tests import factories

# Recorded on the Learning outcomes, Dissemination and Transfer of learning pages, whose
# services check them: the admin reads them.
READ_ONLY_IN_ADMIN = {UnitAssessment, Recognition, DisseminationEvent, LearningTransfer}


def staff_mobility(project, **overrides):
    """A teacher's 28-day job shadowing in Valencia, back on 28 September 2026."""
    staff = factories.staff(project.organisation)
    values = {"participant": staff, "activity_type": "staff_job_shadowing"}
    return factories.mobility(project, **(values | overrides))


def event_data(project, **overrides) -> dict:
    return {
        "held_on": date(2026, 10, 15),
        "kind": "lesson",
        "title": "Prakse Valensijā",
        "description": "",
        "audience": "2. kursa viesmīlības audzēkņi",
        "audience_size": 24,
        "reach": "inside",
        "presented_by": "Ilze Lūse",
        "mobility": None,
        "goal": project.erasmus_plan.goals.first(),
        "evidence_url": "",
    } | overrides


def results_rows(mobility) -> None:
    mobility = factories.mobility(mobility.project, host=mobility.host)
    (unit,) = learning_outcome_units_replace(
        mobility=mobility,
        units=[{"title": "Web pages", "outcomes": "Builds a page", "ecvet_points": Decimal(2)}],
    )
    data = {"result": "achieved", "method": "test", "assessed_by": "Mentor"}
    services.unit_assessment_save(unit=unit, data=data | {"assessed_on": mobility.start_date})
    data = {"decision": "full", "ecvet_points": Decimal(2), "programme_part": "Module 4"}
    data |= {"decided_on": mobility.end_date, "decided_by": "Head"}
    services.recognition_save(mobility=mobility, data=data)
    dissemination.event_save(
        event=DisseminationEvent(project=mobility.project), data=event_data(mobility.project)
    )
    shadowing = staff_mobility(mobility.project, host=mobility.host)
    dissemination.learning_transfer_save(
        mobility=shadowing,
        data={"changes": "Jauna metode", "applied_from": date(2026, 10, 1), "reached": ""},
    )
