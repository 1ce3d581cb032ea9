"""A participant's change history; fewer-opportunities details only for coordinators."""

from core.history import history_of

SENSITIVE_FIELDS = ("fewer_opportunities_categories", "support_needs", "iban")


def participant_history(participant, *, sensitive: bool):
    return history_of(participant, hidden=() if sensitive else SENSITIVE_FIELDS)
