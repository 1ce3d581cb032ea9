"""Who changed what and when, from django-simple-history's records, readable by people:
choices by label, related objects by name, dates and amounts as the reader writes them, and
sensitive fields left out when asked. The records keep raw values; they become words here,
when a page is shown, in the reader's language."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

SHOWN = 30


@dataclass
class Change:
    when: datetime
    who: str
    created: bool
    fields: list[tuple[str, str, str]] = field(default_factory=list)
    # What happened, when it is not a change of fields: "File “a.pdf” (Grant agreement) deleted".
    summary: str = ""


def who_did(user) -> str:
    """The person behind a history record, by name when they have one."""
    if user is None:
        return _("the system")
    return user.get_full_name() or user.get_username()


def _tracked_fields(instance, hidden: set[str]) -> list[models.Field]:
    """The fields the history keeps (some are excluded from it), less the hidden ones."""
    kept = {f.attname for f in instance.history.model._meta.concrete_fields}
    return [
        f
        for f in type(instance)._meta.concrete_fields
        if f.attname in kept
        and f.name not in hidden
        and f.name not in ("id", "created_at", "revision")
    ]


def _related_names(records, fields) -> dict[str, dict]:
    """The names of every related object the records mention: one query per model."""
    names = {}
    ids = defaultdict(set)
    for record in records:
        for f in fields:
            if f.is_relation:
                ids[f.name].add(getattr(record, f.attname))
    for f in fields:
        if f.is_relation and ids[f.name]:
            related = f.related_model._default_manager.filter(pk__in=ids[f.name] - {None})
            names[f.name] = {obj.pk: str(obj) for obj in related}
    return names


def _item_labels(f: models.Field) -> dict:
    """The labels of the codes a list field holds: a model names them in `item_choices`
    ({"field name": choices}), as a JSON list field has no choices of its own."""
    choices = getattr(f.model, "item_choices", {}).get(f.name) or f.choices or []
    return dict(choices)


def _shown(f: models.Field, value, names: dict) -> str:
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


def value_text(instance, f: models.Field) -> str:
    """A field's value of `instance` as the history shows it."""
    value = f.value_from_object(instance)
    names = {f.name: {value: str(getattr(instance, f.name))}} if f.is_relation and value else {}
    return _shown(f, value, names)


def history_of(instance, *, hidden: tuple[str, ...] = (), shown: int = SHOWN) -> list[Change]:
    """The latest changes of `instance`, newest first; `hidden` fields never appear."""
    fields = _tracked_fields(instance, set(hidden))
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: shown + 1]
    )
    names = _related_names(records, fields)
    changes = []
    for newer, older in pairwise([*records, None]):
        change = Change(
            newer.history_date, who_did(newer.history_user), created=newer.history_type == "+"
        )
        change.fields = _differences(fields, older, newer, names)
        if change.created or change.fields:
            changes.append(change)
    return changes[:shown]


def _differences(fields, older, newer, names) -> list[tuple[str, str, str]]:
    """(label, old, new) of each field that differs between two records of one object."""
    if older is None:
        return []
    differences = []
    for f in fields:
        old, new = getattr(older, f.attname), getattr(newer, f.attname)
        if old != new:
            differences.append((str(f.verbose_name), _shown(f, old, names), _shown(f, new, names)))
    return differences


def record_at(instance, revision: int):
    """The history record of `instance` as it was at `revision` (None: not recorded)."""
    records = instance.history.filter(revision__lte=revision)
    return records.order_by("-history_date", "-pk").first()


def changes_since(instance, revision: int, *, hidden: tuple[str, ...] = ()) -> list[Change]:
    """What was saved after `revision` of `instance` (the one a form was opened at),
    oldest first: each save with the fields it changed."""
    fields = _tracked_fields(instance, set(hidden))
    base = record_at(instance, revision)
    records = instance.history.select_related("history_user")
    newer = list(records.filter(revision__gt=revision).order_by("history_date", "pk"))
    names = _related_names([r for r in (base, *newer) if r is not None], fields)
    return [
        Change(
            record.history_date,
            who_did(record.history_user),
            created=False,
            fields=_differences(fields, older, record, names),
        )
        for older, record in pairwise([base, *newer])
    ]


def awarded_history(project, *, shown: int = SHOWN) -> list[Change]:
    """Changes of the amounts awarded per category, newest first, one entry per change."""
    model = project.awarded_amounts.model.history.model
    records = list(
        model.objects.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("category", "history_date")
    )
    category = project.awarded_amounts.model._meta.get_field("category")
    changes, previous = [], {}
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


def budget_history(project) -> list[Change]:
    """Who changed the project's rates, period or status, and its awarded amounts."""
    changes = history_of(project) + awarded_history(project)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:SHOWN]
