"""Signals of the participants app, so that other apps follow what it does without it
knowing about them."""

from django.dispatch import Signal

# The fields holding sensitive personal data whose showing is logged: fewer-opportunities
# categories, support needs, the national ID (personal code) and the bank account (IBAN).
SENSITIVE_FIELDS = ("fewer_opportunities_categories", "support_needs", "national_id", "iban")

# Sent when a page or a file shows a user the sensitive personal data of participants,
# with `user` (None on the command line), `where` (participant_detail, participant_form,
# participant_export, admin_change) and `shown`: a list of (participant, kinds), the kinds
# being names from SENSITIVE_FIELDS. The privacy app records it (one insert per page).
sensitive_data_shown = Signal()


def shown_fields(participant, fields=SENSITIVE_FIELDS) -> list[str]:
    """Those of `fields` that hold something for this participant."""
    return [name for name in fields if getattr(participant, name)]


def sensitive_data_announce(*, user, where: str, shown) -> None:
    """Send sensitive_data_shown for the (participant, kinds) pairs that show anything."""
    shown = [(participant, list(kinds)) for participant, kinds in shown if kinds]
    if shown:
        sensitive_data_shown.send(sender=where, user=user, where=where, shown=shown)
