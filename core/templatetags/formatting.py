"""The site's formatting filters ({% load formatting %}): amounts, shares, sortable list
headers and form sections, written as the reader's language writes them."""

from decimal import Decimal, InvalidOperation
from typing import Protocol, TypeAlias, TypedDict

from django import template
from django.forms import BoundField

from ..listing import ParamValue
from ..money import money_text, percent

register = template.Library()

# What the number filters format: a number or its text (anything else shows as nothing).
Number: TypeAlias = Decimal | int | float | str


class Listing(Protocol):
    """A list page (core.listing.ListPage): how it is sorted, and links to its queries."""

    @property
    def sort(self) -> str: ...

    def query_string(self, **changes: ParamValue) -> str: ...


class SectionedForm(Protocol):
    """A form that declares SECTIONS (core.sections.form_sections)."""

    def section(self, name: str) -> list[BoundField]: ...


class SortHeader(TypedDict):
    label: str
    css_class: str
    query: str
    state: str


@register.filter
def eur(value: Number | None) -> str:
    """An amount in the active language's format: 1 234,56 EUR in Latvian."""
    if value is None or value == "":
        return ""
    try:
        return f"{money_text(Decimal(value))}\xa0EUR"
    except (InvalidOperation, TypeError, ValueError):  # not a number, or not a finite one
        return ""


@register.filter(name="percent")
def percent_filter(share: Number) -> str:
    """A share such as 0.80 as "80 %"."""
    try:
        return f"{percent(Decimal(share))}\xa0%"
    except (InvalidOperation, TypeError, ValueError):  # not a number, or not a finite one
        return ""


@register.simple_tag
def query_with(listing: Listing, **changes: ParamValue) -> str:
    """The list's current query string with `changes`, e.g. another page."""
    return listing.query_string(**changes)


@register.inclusion_tag("includes/sort_header.html")
def sort_header(listing: Listing, key: str, label: str, css_class: str = "") -> SortHeader:
    """A column's header cell that sorts by `key`, and reverses when it already does; the
    cell (not its link) says how the column is sorted, as ARIA wants."""
    current = listing.sort
    descending = current == key
    return {
        "label": label,
        "css_class": css_class,
        "query": listing.query_string(sort=f"-{key}" if descending else key, page=None),
        "state": "ascending" if current == key else "descending" if current == f"-{key}" else "",
    }


@register.filter
def section_of(form: SectionedForm, name: str) -> list[BoundField]:
    """The bound fields of one section of a form that declares SECTIONS."""
    return form.section(name)
