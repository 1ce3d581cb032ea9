"""Writes to mobilities and what belongs to them: every path (web, admin, import, seed)
validates the same way and keeps the stored grant up to date."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budget.services import budget_recalculate_mobility
from core.services import editable_fields, model_update
from projects.models import Goal, Project

from .models import (
    DEFAULT_PREPARATION,
    EuropassStatus,
    Mobility,
    MobilityFile,
    MobilityGroup,
    MonitoringNote,
    PreparationItem,
)
from .models.preparation import default_due_date
from .uploads import checked_content_type
from .validation import goal_problems, raise_for_problems

# What a mobility's edit may change: not its project or number.
MOBILITY_FIELDS = editable_fields(Mobility, exclude={"project", "number"})


def _validate_and_save(
    mobility: Mobility, goals: list[Goal] | None, *, validate_constraints: bool = True
) -> Mobility:
    mobility.fill_destination_from_host()
    mobility.full_clean(
        exclude=["number"] if mobility.number is None else None,
        validate_constraints=validate_constraints,
    )
    if goals is not None:
        raise_for_problems(goal_problems(mobility.project, goals))
    mobility.save()
    if goals is not None:
        mobility.goals.set(goals)
    budget_recalculate_mobility(mobility=mobility)
    return mobility


@transaction.atomic
def mobility_create(
    *, project: Project, goals: Iterable[Goal], data: Mapping[str, Any]
) -> Mobility:
    """A new mobility in `project`, serving `goals`, with the default preparation
    checklist; raises ValidationError naming fields."""
    mobility = Mobility(project=project)
    model_update(instance=mobility, fields=MOBILITY_FIELDS | {"number"}, data=data)
    return mobility_add(mobility=mobility, goals=goals)


@transaction.atomic
def mobility_add(
    *, mobility: Mobility, goals: Iterable[Goal], validate_constraints: bool = True
) -> Mobility:
    """Save a new mobility built by the caller (the importer fills one from a row; a
    number given with it is kept), exactly as mobility_create does. An importer that
    numbers the rows itself may leave the constraints to the database
    (`validate_constraints=False`): checking them costs a query each, per row."""
    _validate_and_save(mobility, list(goals), validate_constraints=validate_constraints)
    preparation_create_defaults(mobility)
    return mobility


@transaction.atomic
def mobility_update(
    *,
    mobility: Mobility,
    data: Mapping[str, Any] | None = None,
    goals: Iterable[Goal] | None = None,
    validate_constraints: bool = True,
) -> Mobility:
    """Change a mobility (`data`, and its goals if given); the importer, which set the
    fields itself, passes none."""
    model_update(instance=mobility, fields=MOBILITY_FIELDS, data=data or {})
    goals = None if goals is None else list(goals)
    return _validate_and_save(mobility, goals, validate_constraints=validate_constraints)


@transaction.atomic
def mobility_cancel(*, mobility: Mobility) -> Mobility:
    """Cancelled, never deleted: the record stays for the final report and audits."""
    mobility.status = Mobility.Status.CANCELLED
    mobility.save(update_fields=["status", "updated_at"])
    budget_recalculate_mobility(mobility=mobility)
    return mobility


@transaction.atomic
def mobility_europass_update(*, mobility: Mobility, europass_status: str, europass_issued_on):
    """Where a learner's Europass Mobility stands; the issue date goes with "issued" only."""
    if not mobility.gets_europass:
        raise ValidationError({"europass_status": _("A Europass Mobility is for learners only.")})
    if europass_status == EuropassStatus.ISSUED and europass_issued_on is None:
        raise ValidationError(
            {"europass_issued_on": _("Enter the day the Europass Mobility was issued.")}
        )
    if europass_status != EuropassStatus.ISSUED:
        europass_issued_on = None
    mobility.europass_status = europass_status
    mobility.europass_issued_on = europass_issued_on
    # Only these two fields: the rest of the mobility is not being edited here.
    others = [f.name for f in Mobility._meta.fields if not f.name.startswith("europass_")]
    mobility.clean_fields(exclude=others)
    mobility.save(update_fields=["europass_status", "europass_issued_on", "updated_at"])
    return mobility


@transaction.atomic
def mobility_group_save(*, group: MobilityGroup) -> MobilityGroup:
    group.full_clean()
    group.save()
    return group


def preparation_create_defaults(mobility: Mobility) -> list[PreparationItem]:
    """The usual preparation steps, due a set number of days before departure."""
    existing = set(mobility.preparation_items.values_list("kind", flat=True))
    items = [
        PreparationItem(
            mobility=mobility, kind=kind, due_date=default_due_date(mobility.start_date, days)
        )
        for kind, days in DEFAULT_PREPARATION
        if kind not in existing
    ]
    return PreparationItem.objects.bulk_create(items)


@transaction.atomic
def preparation_item_save(*, item: PreparationItem) -> PreparationItem:
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def monitoring_note_add(*, mobility: Mobility, author, written_on, text: str) -> MonitoringNote:
    note = MonitoringNote(mobility=mobility, author=author, written_on=written_on, text=text)
    note.full_clean()
    note.save()
    return note


def mobility_file_add(
    *,
    mobility: Mobility,
    kind: str,
    upload,
    uploaded_by,
    on_saved: Callable[[MobilityFile], object] | None = None,
) -> MobilityFile:
    """Keep an uploaded document of a mobility after checking its size and type;
    `on_saved(stored)` runs in the transaction that saves the row.

    The bytes are written first, outside any transaction: a slow disk or a network
    storage holds no database lock. A row that cannot be saved leaves no file behind."""
    content_type = checked_content_type(upload)
    stored = MobilityFile(
        mobility=mobility,
        kind=kind,
        file=upload,
        original_name=(upload.name or "")[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=uploaded_by,
    )
    stored.full_clean()
    stored.file.save(upload.name or "upload", upload, save=False)
    stored._history_user = uploaded_by  # for the history, whoever is signed in
    try:
        with transaction.atomic():
            stored.save()
            if on_saved is not None:
                on_saved(stored)
    except BaseException:
        stored.file.storage.delete(stored.file.name)
        raise
    return stored


@transaction.atomic
def mobility_file_delete(*, stored: MobilityFile, deleted_by) -> None:
    """Delete a kept file; the mobility's history records who deleted it. Its bytes go only
    once the row is gone for good: a rolled-back deletion keeps a file to serve."""
    name, storage = stored.file.name, stored.file.storage
    stored._history_user = deleted_by
    stored.delete()
    transaction.on_commit(lambda: storage.delete(name))
