"""One row of each finance model, for tests that walk every admin page."""

from datetime import date
from decimal import Decimal

from finance import services
from finance.costs import cost_save
from finance.models import Cost, Payment, Reduction, Transfer
from tests import factories

from .conftest import sign

# Money is recorded on the finance pages, whose services keep the schedule right: the
# admin reads it, adds none.
READ_ONLY_IN_ADMIN = {Payment, Transfer, Reduction, Cost}


def finance_rows(mobility) -> None:
    # A mobility of its own: the other rows' documents take the first version numbers.
    mobility = factories.mobility(mobility.project, host=mobility.host)
    sign(mobility)
    pre = Payment.objects.get(mobility=mobility, kind=Payment.Kind.PREFINANCING)
    services.transfer_record(
        payment=pre, paid_on=date(2026, 8, 20), amount=Decimal("10.00"), reference="1", user=None
    )
    services.reduction_record(
        mobility=mobility,
        reason=Reduction.Reason.INTERRUPTION,
        explanation="Home for a week.",
        amount=Decimal("5.00"),
        last_day=None,
        user=None,
    )
    data = {"mobility": mobility, "kind": Cost.Kind.TICKETS, "category": "", "supplier": "x"}
    data |= {"invoice_date": date(2026, 8, 1), "amount": Decimal("1.00"), "currency": "EUR"}
    cost_save(cost=Cost(project=mobility.project), data=data, files={}, user=None)
