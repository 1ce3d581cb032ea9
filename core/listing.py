"""Search, filters, sorting and pagination for the coordinator's lists, from the query
string. Unknown or malformed parameters are ignored, never an error: a list always
answers. The same spec filters the exports of a list."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypedDict, TypeVar
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import Expression, Model, OrderBy, Q, QuerySet

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25
MAX_SEARCH_LENGTH = 100

_M = TypeVar("_M", bound=Model)

# A filter written as a function of the rows and the value chosen. Each is written for the
# rows of one list, whatever their model: a spec does not carry it.
FilterFunction: TypeAlias = Callable[[QuerySet[Any], str], QuerySet[Any]]
# The query string's parameters (request.GET) and the changes made to them in links.
Params: TypeAlias = Mapping[str, str]
ParamValue: TypeAlias = str | int | None


@dataclass(frozen=True)
class Filter:
    label: "StrOrPromise"
    lookup: str | FilterFunction
    choices: Sequence[tuple[str, str]]

    def apply(self, queryset: QuerySet[_M], value: str) -> QuerySet[_M]:
        if callable(self.lookup):
            return self.lookup(queryset, value)
        return queryset.filter(**{self.lookup: value})


@dataclass(frozen=True)
class ListSpec:
    search_fields: tuple[str, ...]
    filters: dict[str, Filter]
    # Field names ("-" first: descending) or expressions, e.g. latvian("name") for names.
    sorts: dict[str, tuple[str | Expression, ...]]
    default_sort: str
    page_size: int = PAGE_SIZE


class FilterField(TypedDict):
    """One filter as the list's form shows it."""

    name: str
    label: "StrOrPromise"
    choices: Sequence[tuple[str, str]]
    value: str


@dataclass
class ListPage(Generic[_M]):
    page: Page[_M]
    search: str
    active: dict[str, str]
    sort: str
    spec: ListSpec
    filter_fields: list[FilterField] = field(default_factory=list)

    def query_string(self, **changes: ParamValue) -> str:
        """The current query with `changes` applied; None removes a parameter."""
        params: dict[str, ParamValue] = {"q": self.search, "sort": self.sort, **self.active}
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})

    @property
    def is_filtered(self) -> bool:
        return bool(self.search or self.active)


def filtered(
    queryset: QuerySet[_M], params: Params, spec: ListSpec
) -> tuple[QuerySet[_M], str, dict[str, str], str]:
    """The queryset narrowed by the search and filters of `params`, and sorted."""
    search = (params.get("q") or "").strip()[:MAX_SEARCH_LENGTH]
    if search and spec.search_fields:
        terms = [Q(**{f"{name}__icontains": search}) for name in spec.search_fields]
        queryset = queryset.filter(reduce(or_, terms))
    active: dict[str, str] = {}
    for name, spec_filter in spec.filters.items():
        value = params.get(name) or ""
        if value in {choice for choice, _label in spec_filter.choices}:
            queryset = spec_filter.apply(queryset, value)
            active[name] = value
    sort = params.get("sort") or spec.default_sort
    if sort.lstrip("-") not in spec.sorts:
        sort = spec.default_sort
    order = spec.sorts[sort.lstrip("-")]
    if sort.startswith("-"):
        order = tuple(_reversed(part) for part in order)
    return queryset.order_by(*order), search, active, sort


def _reversed(part: str | Expression) -> str | OrderBy:
    """One part of an ordering, the other way round: a field name or an expression (such
    as a name in Latvian order, core.collation.latvian)."""
    if isinstance(part, str):
        return f"-{part}" if not part.startswith("-") else part[1:]
    if isinstance(part, OrderBy):
        return OrderBy(part.expression, descending=not part.descending)
    return part.desc()


def list_page(queryset: QuerySet[_M], params: Params, spec: ListSpec) -> ListPage[_M]:
    queryset, search, active, sort = filtered(queryset, params, spec)
    paginator = Paginator(queryset, spec.page_size)
    page = paginator.get_page(params.get("page"))
    filter_fields: list[FilterField] = [
        {"name": name, "label": f.label, "choices": f.choices, "value": active.get(name, "")}
        for name, f in spec.filters.items()
    ]
    return ListPage(page, search, active, sort, spec, filter_fields)
