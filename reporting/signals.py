"""Signals of the reporting app."""

from django.dispatch import Signal

# Sent by services.grant_agreement_terms_changed after a project's grant agreement terms
# were saved, inside the same transaction, with `project` and `changed` (the set of field
# names whose value changed). reporting.signing listens: agreements sent for signing say
# the old terms.
agreement_terms_changed = Signal()

# Sent by share.grant_handling_update after the rules of who receives which part of the
# grant changed, with the ids of the mobilities concerned.
grant_share_changed = Signal()

# Sent by signing.final.agreement_finalize when the last signature made a version signed,
# with `agreement` (the AgreementVersion). finance listens: a signed agreement produces the
# participant's payments.
agreement_signed = Signal()
