"""Signals of the budget app, so that other apps follow the stored grants without the
budget knowing about them."""

from django.dispatch import Signal

# Sent by budget.services after it stored the grants of some mobilities (whatever changed
# them: the mobility, its participant or its project's rates), inside the same
# transaction, with `mobility_ids` and `project_ids` (sets). reporting.signing listens:
# a grant agreement whose dates or amounts changed must be signed again.
grants_stored = Signal()
