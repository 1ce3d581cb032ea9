"""One row of each results model, for tests that walk every admin page."""

from decimal import Decimal

from reporting.services import learning_outcome_units_replace
from results import services
from results.models import Recognition, UnitAssessment
from tests import factories

# Recorded on the Learning outcomes page, whose services check them: the admin reads them.
READ_ONLY_IN_ADMIN = {UnitAssessment, Recognition}


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
