"""Who changed what and when, from django-simple-history's records, readable by people:
choices by label, related objects by name, dates and amounts as the reader writes them, and
sensitive fields left out when asked. The records keep raw values; they become words here,
when a page is shown, in the reader's language."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.db.models.manager import BaseManager
    from django.db.models.options import Options

SHOWN = 30

# A model's field, whatever it holds.
AnyField: TypeAlias = "models.Field[Any, Any]"
# The names of the related objects records mention: field name -> primary key -> name.
RelatedNames: TypeAlias = dict[str, dict[object, str]]


class Tracked(Protocol):
    """A record whose model keeps its history (`history = HistoricalRecords()`).

    django-simple-history builds each historical model at run time and ships no types:
    its manager holds records of a model mypy cannot know, read as HistoricalRecord."""

    @property
    def _meta(self) -> "Options[Any]": ...

    @property
    def history(self) -> "models.Manager[Any]": ...


class HistoricalRecord(Protocol):
    """One saved state of a tracked record: its fields' values then (read by their
    attname), who saved it and when."""

    history_date: datetime
    history_type: str  # "+" created, "~" changed, "-" deleted

    @property
    def history_user(self) -> "User | None": ...


class AwardedProject(Tracked, Protocol):
    """A project (projects.Project) and the amounts awarded to it per category
    (projects.AwardedAmount), whose model keeps its history too."""

    @property
    def pk(self) -> object: ...

    @property
    def awarded_amounts(self) -> "BaseManager[Any]": ...


class AwardedAmountRecord(HistoricalRecord, Protocol):
    """One saved state of an amount awarded in a category."""

    category: str
    amount: Decimal


@dataclass
class Change:
    when: datetime
    who: str
    created: bool
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    # What happened, when it is not a change of fields: "File “a.pdf” (Grant agreement) deleted".
    summary: str = ""


def who_did(user: "User | None") -> str:
    """The person behind a history record, by name when they have one."""
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


def _tracked_fields(instance: Tracked, hidden: set[str]) -> list[AnyField]:
    """The fields the history keeps (some are excluded from it), less the hidden ones."""
    kept = {f.attname for f in instance.history.model._meta.concrete_fields}
    return [
        f
        for f in instance._meta.concrete_fields
        if f.attname in kept
        and f.name not in hidden
        and f.name not in ("id", "created_at", "revision")
    ]


def _related_names(records: Sequence[HistoricalRecord], fields: Sequence[AnyField]) -> RelatedNames:
    """The names of every related object the records mention: one query per model."""
    names: RelatedNames = {}
    ids: defaultdict[str, set[object]] = defaultdict(set)
    for record in records:
        for f in fields:
            if f.is_relation:
                ids[f.name].add(getattr(record, f.attname))
    for f in fields:
        model = f.related_model  # a model class, once the apps are loaded
        if f.is_relation and ids[f.name] and isinstance(model, type):
            related = model._default_manager.filter(pk__in=ids[f.name] - {None})
            names[f.name] = {obj.pk: str(obj) for obj in related}
    return names


def _item_labels(f: AnyField) -> dict[object, object]:
    """The labels of the codes a list field holds: a model names them in `item_choices`
    ({"field name": choices}), as a JSON list field has no choices of its own."""
    choices = getattr(f.model, "item_choices", {}).get(f.name) or f.choices or []
    return dict(choices)


def _shown(f: AnyField, value: object, names: RelatedNames) -> str:
    if value in (None, ""):
        return "—"
    if f.is_relation:
        return names.get(f.name, {}).get(value, f"#{value}")
    if isinstance(value, list):
        labels = _item_labels(f)
        return ", ".join(str(labels.get(v, v)) for v in value) or "—"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal):
        return amount_text(value, getattr(f, "decimal_places", None))
    return str(value)


def amount_text(value: Decimal, decimal_places: int | None = None) -> str:
    """A Decimal as the reader writes it: "1,234.50" in English, "1 234,50" in Latvian."""
    return number_format(value, decimal_places, use_l10n=True, force_grouping=True)


def value_text(instance: models.Model, f: AnyField) -> str:
    """A field's value of `instance` as the history shows it."""
    value = f.value_from_object(instance)
    names = {f.name: {value: str(getattr(instance, f.name))}} if f.is_relation and value else {}
    return _shown(f, value, names)


def history_of(
    instance: Tracked, *, hidden: tuple[str, ...] = (), shown: int = SHOWN
) -> list[Change]:
    """The latest changes of `instance`, newest first; `hidden` fields never appear."""
    fields = _tracked_fields(instance, set(hidden))
    records: list[HistoricalRecord] = list(
        instance.history.select_related("history_user").order_by("-history_date")[: shown + 1]
    )
    names = _related_names(records, fields)
    changes = []
    # Each record with the one before it (the oldest with none).
    older_records: list[HistoricalRecord | None] = [*records[1:], None]
    for newer, older in zip(records, older_records, strict=True):
        change = Change(
            newer.history_date, who_did(newer.history_user), created=newer.history_type == "+"
        )
        change.fields = _differences(fields, older, newer, names)
        if change.created or change.fields:
            changes.append(change)
    return changes[:shown]


def _differences(
    fields: Sequence[AnyField],
    older: HistoricalRecord | None,
    newer: HistoricalRecord,
    names: RelatedNames,
) -> list[tuple[str, str, str]]:
    """(label, old, new) of each field that differs between two records of one object."""
    if older is None:
        return []
    differences = []
    for f in fields:
        old, new = getattr(older, f.attname), getattr(newer, f.attname)
        if old != new:
            differences.append((str(f.verbose_name), _shown(f, old, names), _shown(f, new, names)))
    return differences


def record_at(instance: Tracked, revision: int) -> HistoricalRecord | None:
    """The history record of `instance` as it was at `revision` (None: not recorded)."""
    records = instance.history.filter(revision__lte=revision)
    record: HistoricalRecord | None = records.order_by("-history_date", "-pk").first()
    return record


def changes_since(
    instance: Tracked, revision: int, *, hidden: tuple[str, ...] = ()
) -> list[Change]:
    """What was saved after `revision` of `instance` (the one a form was opened at),
    oldest first: each save with the fields it changed."""
    fields = _tracked_fields(instance, set(hidden))
    base = record_at(instance, revision)
    records = instance.history.select_related("history_user")
    newer: list[HistoricalRecord] = list(
        records.filter(revision__gt=revision).order_by("history_date", "pk")
    )
    names = _related_names([r for r in (base, *newer) if r is not None], fields)
    # Each newer record with the one before it (the first with the base, if recorded).
    older_records: list[HistoricalRecord | None] = [base, *newer]
    return [
        Change(
            record.history_date,
            who_did(record.history_user),
            created=False,
            fields=_differences(fields, older, record, names),
        )
        for older, record in zip(older_records, newer, strict=False)
    ]


def awarded_history(project: AwardedProject, *, shown: int = SHOWN) -> list[Change]:
    """Changes of the amounts awarded per category, newest first, one entry per change."""
    model = project.awarded_amounts.model.history.model
    records: list[AwardedAmountRecord] = list(
        model.objects.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("category", "history_date")
    )
    category: AnyField = project.awarded_amounts.model._meta.get_field("category")
    changes: list[Change] = []
    previous: dict[str, Decimal | None] = {}
    for record in records:
        old = previous.get(record.category)
        new = None if record.history_type == "-" else record.amount
        if old != new:
            label = str(dict(category.flatchoices).get(record.category, record.category))
            who = who_did(record.history_user)
            shown_old = "—" if old is None else amount_text(old, 2)
            shown_new = "—" if new is None else amount_text(new, 2)
            changes.append(Change(record.history_date, who, False, [(label, shown_old, shown_new)]))
        previous[record.category] = new
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:shown]


def budget_history(project: AwardedProject) -> list[Change]:
    """Who changed the project's rates, period or status, and its awarded amounts."""
    changes = history_of(project) + awarded_history(project)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:SHOWN]
