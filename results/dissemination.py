"""Recording what the school shared of its mobilities: a dissemination event (with its
evidence file, checked like every upload, mobilities/uploads.py) and the transfer of
learning of a staff mobility. Each rule names the field it refuses; the earlier values
stay in the history. Files are written before the transaction and removed if the row
cannot be saved."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import model_update
from mobilities.models import Mobility
from mobilities.uploads import checked_content_type

from .models import DisseminationEvent, LearningTransfer
from .services import check_day

EVENT_FIELDS = (
    "held_on",
    "kind",
    "title",
    "description",
    "audience",
    "audience_size",
    "reach",
    "presented_by",
    "mobility",
    "goal",
    "evidence_url",
)
EVIDENCE = "evidence_file"
TRANSFER_FIELDS = ("changes", "applied_from", "reached")


def _check_event(event: DisseminationEvent) -> None:
    project = event.project
    too_early = _("The date cannot be before the project's start (%(date)s).")
    check_day("held_on", event.held_on, project.start_date, too_early)
    if event.mobility is not None and event.mobility.project_id != project.pk:
        raise ValidationError({"mobility": _("The mobility is not of this project.")})
    if event.goal is not None and event.goal.plan_id != project.erasmus_plan_id:
        raise ValidationError({"goal": _("The goal is not one of the project's Erasmus plan.")})


def _checked(upload) -> None:
    try:
        checked_content_type(upload)
    except ValidationError as error:
        raise ValidationError({EVIDENCE: error.message_dict["file"]}) from None


def event_save(
    *, event: DisseminationEvent, data: Mapping[str, Any], evidence=None, user=None
) -> DisseminationEvent:
    """Create or change an event of `event.project` from `data` (EVENT_FIELDS); a new
    `evidence` upload replaces the file kept. ValidationError naming the field otherwise."""
    model_update(instance=event, fields=EVENT_FIELDS, data=data)
    _check_event(event)
    if evidence:
        _checked(evidence)
    if event.pk is None:
        event.recorded_by = user
    event.full_clean(exclude=[EVIDENCE])
    replaced = event.evidence_file.name if evidence and event.evidence_file else ""
    if evidence:
        event.evidence_file.save(evidence.name or "evidence", evidence, save=False)
        event.evidence_name = (evidence.name or "")[-255:]
    event._history_user = user  # type: ignore[attr-defined]
    try:
        with transaction.atomic():
            event.save()
    except BaseException:
        if evidence:
            event.evidence_file.storage.delete(event.evidence_file.name)
        raise
    if replaced:
        storage = event.evidence_file.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    return event


@transaction.atomic
def event_delete(*, event: DisseminationEvent, user=None) -> None:
    """Delete an event recorded by mistake; the history keeps it. Its evidence file goes
    once the row is gone for good."""
    stored = event.evidence_file.name
    storage = event.evidence_file.storage
    event._history_user = user  # type: ignore[attr-defined]
    event.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


def staff_only_message() -> str:
    return _(
        "The transfer of learning is recorded for the school's staff mobilities only, "
        "not for learners or incoming experts."
    )


def _check_transfer(mobility: Mobility, data: Mapping[str, Any]) -> None:
    if not mobility.is_staff_mobility:
        raise ValidationError({"changes": staff_only_message()})
    too_early = _("The date cannot be before the mobility's end (%(date)s).")
    check_day("applied_from", data.get("applied_from"), mobility.end_date, too_early)


@transaction.atomic
def learning_transfer_save(
    *, mobility: Mobility, data: Mapping[str, Any], user=None
) -> LearningTransfer:
    """The transfer of learning of a staff mobility becomes `data` (TRANSFER_FIELDS)."""
    _check_transfer(mobility, data)
    transfer = LearningTransfer.objects.filter(mobility=mobility).first()
    transfer = transfer or LearningTransfer(mobility=mobility)
    model_update(instance=transfer, fields=TRANSFER_FIELDS, data=data)
    transfer.updated_by = user
    transfer.full_clean()
    transfer._history_user = user  # type: ignore[attr-defined]
    transfer.save()
    return transfer
