"""Search, filters, sorting and pagination for the coordinator's lists, from the query
string. Unknown or malformed parameters are ignored, never an error: a list always
answers. The same spec filters the exports of a list."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Expression, OrderBy, Q, QuerySet

PAGE_SIZE = 25
MAX_SEARCH_LENGTH = 100


@dataclass(frozen=True)
class Filter:
    label: str
    lookup: str | Callable[[QuerySet, str], QuerySet]
    choices: Sequence[tuple[str, str]]

    def apply(self, queryset: QuerySet, value: str) -> QuerySet:
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


@dataclass
class ListPage:
    page: object
    search: str
    active: dict[str, str]
    sort: str
    spec: ListSpec
    filter_fields: list = field(default_factory=list)

    def query_string(self, **changes) -> str:
        """The current query with `changes` applied; None removes a parameter."""
        params = {"q": self.search, "sort": self.sort, **self.active}
        params.update(changes)
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})

    @property
    def is_filtered(self) -> bool:
        return bool(self.search or self.active)


def filtered(queryset: QuerySet, params, spec: ListSpec) -> tuple[QuerySet, str, dict, str]:
    """The queryset narrowed by the search and filters of `params`, and sorted."""
    search = (params.get("q") or "").strip()[:MAX_SEARCH_LENGTH]
    if search and spec.search_fields:
        terms = [Q(**{f"{name}__icontains": search}) for name in spec.search_fields]
        queryset = queryset.filter(reduce(or_, terms))
    active = {}
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


def list_page(queryset: QuerySet, params, spec: ListSpec) -> ListPage:
    queryset, search, active, sort = filtered(queryset, params, spec)
    paginator = Paginator(queryset, spec.page_size)
    page = paginator.get_page(params.get("page"))
    filter_fields = [
        {"name": name, "label": f.label, "choices": f.choices, "value": active.get(name, "")}
        for name, f in spec.filters.items()
    ]
    return ListPage(page, search, active, sort, spec, filter_fields)
