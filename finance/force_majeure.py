"""What a participant keeps when force majeure ended the stay early: the part of the
grant paid to them, computed by the engine for the days actually spent and split as the
mobility's agreement splits it (reporting/share.py)."""

import datetime
from decimal import Decimal

from budget.adapters import mobility_input
from budget.rules.period import grant_of_days_spent
from budget.selectors import participant_ordinal
from mobilities.models import Mobility
from reporting.share import participant_share


def kept_under_force_majeure(mobility: Mobility, last_day: datetime.date) -> Decimal:
    """The amount paid to the participant for a stay that ended on `last_day`."""
    project = mobility.project
    grant = grant_of_days_spent(
        mobility_input(mobility),
        last_day=last_day,
        call_year=project.call_year,
        rates=project.individual_support_rates,
        ordinal_in_activity=participant_ordinal(mobility),
    )
    amounts = {str(line.category): line.amount for line in grant.lines}
    return participant_share(mobility, amounts=amounts).split.paid_total
