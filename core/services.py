"""The one way a service changes a model's fields from data: only the fields it names.

Services take data (a mapping, e.g. a form's cleaned_data), never forms; they are called
with keyword arguments only. `model_update` sets the fields of `data` that the service
allows, refuses any other (a programming error, not a user's: a form or an import that
sends a field the service does not change must not change it silently), and answers which
fields changed. The service validates and saves."""

from collections.abc import Collection, Mapping
from typing import Any

from django.db.models import Model

_UNSET = object()


def model_update(*, instance: Model, fields: Collection[str], data: Mapping[str, Any]) -> list[str]:
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise ValueError(f"{type(instance).__name__} cannot change {', '.join(unknown)} here")
    changed = []
    for name, value in data.items():
        # A relation not set yet reads as missing (its error is an AttributeError too).
        if getattr(instance, name, _UNSET) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def editable_fields(model: type[Model], *, exclude: Collection[str] = ()) -> frozenset[str]:
    """The names of the model's editable columns (many-to-many relations are set apart,
    after the save), without its primary key and `exclude` (what the record belongs to,
    its number)."""
    return frozenset(
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in exclude
    )
