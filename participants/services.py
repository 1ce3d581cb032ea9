"""Writes to participants; a change can change the grant of their mobilities, and a
changed e-mail address moves the portal account that uses it (portal_services)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from budget.services import budget_recalculate_participant
from core.services import editable_fields, model_update

from .accounts import portal_addresses_before, portal_addresses_changed
from .models import Participant

# What a participant's edit may change: not the organisation they belong to.
PARTICIPANT_FIELDS = editable_fields(Participant, exclude={"organisation"})


@transaction.atomic
def participant_create(*, data: Mapping[str, Any]) -> Participant:
    participant = Participant()
    model_update(instance=participant, fields=PARTICIPANT_FIELDS | {"organisation"}, data=data)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_update(*, participant: Participant, data: Mapping[str, Any]) -> Participant:
    model_update(instance=participant, fields=PARTICIPANT_FIELDS, data=data)
    return participant_save(participant=participant)


@transaction.atomic
def participant_save(*, participant: Participant, validate_constraints: bool = True) -> Participant:
    """Save a new or changed participant; a change (e.g. fewer opportunities) can change
    the grant of their mobilities. An importer that has already matched every row
    against the organisation's e-mails and national IDs may leave the constraints to the
    database (`validate_constraints=False`): checking them costs a query each, per row."""
    is_new = participant.pk is None
    addresses = portal_addresses_before(participant)
    participant.full_clean(validate_constraints=validate_constraints)
    participant.save()
    if not is_new:
        budget_recalculate_participant(participant=participant)
        portal_addresses_changed(participant=participant, before=addresses)
    return participant


def participant_is_kept(participant: Participant) -> bool:
    """Mobilities and selection applications are kept for the final report and audits, and
    so is the participant they refer to."""
    return participant.mobilities.exists() or participant.selection_applications.exists()


@transaction.atomic
def participant_delete(*, participant: Participant) -> bool:
    """Delete a participant nothing refers to, with their portal access; False (and nothing
    deleted) otherwise."""
    if participant_is_kept(participant):
        return False
    participant.delete()
    return True
