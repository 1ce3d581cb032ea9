"""A model's fields in sections, declared once (in its app's fields.py) and read by its
form (a page shows each section under its heading), its admin (one fieldset each) and
its import (the columns it knows): a new field is added in one place."""

from typing import TYPE_CHECKING, NamedTuple, TypeAlias

if TYPE_CHECKING:
    from django.contrib.admin.options import _FieldGroups, _FieldOpts
    from django_stubs_ext import StrOrPromise

    # One fieldset as ModelAdmin.fieldsets holds it (django-stubs' own type of its options).
    Fieldset: TypeAlias = tuple[StrOrPromise | None, _FieldOpts]


class Section(NamedTuple):
    key: str
    title: "StrOrPromise | None"  # the admin's fieldset heading; None for the first
    fields: tuple[str, ...]


def field_names(sections: tuple[Section, ...]) -> list[str]:
    return [name for section in sections for name in section.fields]


def form_sections(sections: tuple[Section, ...]) -> dict[str, list[str]]:
    return {section.key: list(section.fields) for section in sections}


def admin_fieldsets(
    sections: tuple[Section, ...], *, first: tuple[str, ...] = (), then: tuple[str, ...] = ()
) -> list["Fieldset"]:
    """One fieldset per section; the first starts with `first` and ends with `then`
    (fields the admin has and the pages do not: the owner, the revision seen)."""
    fieldsets: list[Fieldset] = []
    for index, section in enumerate(sections):
        fields: _FieldGroups = [*section.fields]
        if index == 0:
            fields = [*first, *fields, *then]
        fieldsets.append((section.title, {"fields": fields}))
    return fieldsets
