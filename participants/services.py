"""Writes to participants; a change can change the grant of their mobilities."""

from django.db import transaction

from budget.services import budget_recalculate_participant

from .models import Participant


@transaction.atomic
def participant_create(**fields) -> Participant:
    participant = Participant(**fields)
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_update(participant: Participant, **fields) -> Participant:
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.full_clean()
    participant.save()
    budget_recalculate_participant(participant)
    return participant
