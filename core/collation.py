"""Names in Latvian alphabetical order: a ā b c č d e ē f g ģ h i ī j k ķ l ļ m n ņ o p r s
š t u ū v z ž, whatever the case. The database sorts with a collation named `lv_icu`: on
PostgreSQL an ICU collation (projects/migrations/0005_latvian_collation.py), on SQLite a
Python function registered on each new connection that compares `latvian_key`s, so that
both order alike. Python code sorting names uses `latvian_key` itself.

As ICU's Latvian (and Latvian dictionaries) do, č ģ ķ ļ ņ š ž are letters of their own
(Č after C, Ž after Z) while ā ē ī ū differ from a e i u only between words otherwise
equal; case decides only between words equal but for it (lower case first)."""

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TypeAlias

from django.contrib import admin
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, Field, Model
from django.db.models.functions import Collate
from django.utils.text import capfirst

COLLATION = "lv_icu"

# The letters with a place of their own, Latin letters Latvian has not among them.
_LETTERS_AND_LATIN = "abcčdefgģhijkķlļmnņopqrsštuvwxyzž"
_PRIMARY = {letter: n for n, letter in enumerate(_LETTERS_AND_LATIN)}
# As ICU's Latvian: y sorts with i (and ā ē ī ū with a e i u, as accented letters do).
_PRIMARY["y"] = _PRIMARY["i"]

# One character's weights: primary (its letter), secondary (its accents), tertiary (upper case).
Weights: TypeAlias = tuple[tuple[int, ...], tuple[int, ...], bool]
# Every character's primary weights, then their secondary and tertiary ones, then the text.
LatvianKey: TypeAlias = tuple[
    tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...], tuple[bool, ...], str
]


def _weights(char: str) -> Weights:
    """(primary, secondary, tertiary) weights of one character."""
    lower = char.lower()
    decomposed = unicodedata.normalize("NFD", lower)
    if lower in _LETTERS_AND_LATIN:
        primary, accent = _PRIMARY[lower], "y" if lower == "y" else ""
    elif decomposed[0] in _PRIMARY:  # ā, é, ö...: an accent on a letter
        primary, accent = _PRIMARY[decomposed[0]], decomposed[1:]
    else:
        # Spaces, then punctuation, then digits, before every letter (as ICU).
        return (0, not char.isspace(), char.isdigit(), ord(char)), (), False
    return (1, primary), tuple(ord(mark) for mark in accent), char != lower


@lru_cache(maxsize=4096)
def latvian_key(text: str) -> LatvianKey:
    """A sort key putting texts in Latvian alphabetical order."""
    weights = [_weights(char) for char in text or ""]
    return (
        tuple(w[0] for w in weights),
        tuple(w[1] for w in weights),
        tuple(w[2] for w in weights),
        text or "",
    )


def latvian(expression: str | Expression) -> Collate:
    """`expression` (a field name or an expression) to be ordered by Latvian rules."""
    return Collate(expression, COLLATION)


def _compare(a: str, b: str) -> int:
    first, second = latvian_key(a), latvian_key(b)
    return (first > second) - (first < second)


def register_on_sqlite(sender: object, connection: BaseDatabaseWrapper, **kwargs: object) -> None:
    """SQLite has no Latvian collation: each new connection gets ours (connected to
    connection_created in ProjectsConfig.ready)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def latvian_column(model: type[Model], name: str) -> Callable[[Model], object]:
    """An admin column showing the field `name`, its header sorting in Latvian order
    (a plain field name in list_display sorts by the database's default collation)."""
    field = model._meta.get_field(name)
    if not isinstance(field, Field):  # a reverse relation: no verbose name, no column
        raise TypeError(f"{model.__name__}.{name} is not a field of its own")

    @admin.display(description=capfirst(field.verbose_name), ordering=latvian(name))
    def column(obj: Model) -> object:
        return getattr(obj, name)

    column.__name__ = name
    return column
