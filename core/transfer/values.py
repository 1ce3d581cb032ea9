"""Cell values in and out: what a spreadsheet cell may hold for each kind of column, and
how the portal writes it back.

Imports are lenient in what people type (ISO codes or country names in English or
Latvian, 2026-09-01 or 01.09.2026, "jā" or "yes", codes or labels of choices, decimal
commas); exports write one canonical form, so an exported file imports unchanged. Every
refusal is a ValueError whose message is shown next to the cell.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TypeAlias, TypeGuard, TypeVar

from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from import_export.widgets import Widget

# What spreadsheets run as a formula when a cell starts with it (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A leading sign followed only by digits and separators is a number or a phone number.
SIGNED_NUMBER = re.compile(r"^[+-][\d\s().,/-]*$")
LANGUAGES = ("en", "lv")

_Value = TypeVar("_Value")
# The row a widget's clean() is given by django-import-export: its cells by column.
ImportRow: TypeAlias = Mapping[str, object]


def normalise(text: object) -> str:
    """Case, diacritics and spacing set aside: "Spānija" and " spanija " compare equal."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("\u2019", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def is_formula(value: object) -> TypeGuard[str]:
    """Whether a spreadsheet would run the cell as a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return False
    return not SIGNED_NUMBER.match(value)


def unescape(value: _Value) -> _Value | str:
    """A value the portal neutralised on export ('=..., '+371 ...) as it was typed."""
    if isinstance(value, str) and value[:1] == "'" and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def neutralise(value: _Value) -> _Value | str:
    """What is written to an exported cell: text a spreadsheet would run as a formula
    gets a leading apostrophe (OWASP's advice against CSV injection), which an import
    takes off again. Signed numbers (-5, +371 2000 0000) cannot call anything and stay."""
    return "'" + value if is_formula(value) else value


def cell_text(value: object) -> str:
    """Any cell as trimmed text; whole numbers from a workbook without their '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class TextWidget(Widget):
    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> str:
        return cell_text(value)

    def render(self, value: object, obj: object = None, **kwargs: object) -> str:
        return "" if value is None else str(value)


DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


class DateWidget(Widget):
    """2026-09-01, 01.09.2026 (also 1.9.2026.) or a workbook's date cell."""

    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = cell_text(value)
        if not text:
            return None
        if match := DATE_ISO.match(text):
            year, month, day = match.groups()
        elif match := DATE_DMY.match(text):
            day, month, year = match.groups()
        else:
            raise ValueError(_("Write the date as 2026-09-01 or 01.09.2026."))
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValueError(_("There is no such day: %(value)s.") % {"value": text}) from None

    def render(self, value: date | None, obj: object = None, **kwargs: object) -> date | str:
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else value.isoformat()


class DecimalWidget(Widget):
    """120.50, 120,50, 1 234,50 or a number cell."""

    def clean(
        self, value: object, row: ImportRow | None = None, **kwargs: object
    ) -> Decimal | None:
        if isinstance(value, bool):
            raise ValueError(_("Write a number, e.g. 120.50."))
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = "".join(cell_text(value).split())
        if not text:
            return None
        if "," in text:
            # The last separator is the decimal one: 1.234,50 and 1,234.50 both work.
            decimal_comma = text.rfind(",") > text.rfind(".")
            text = (
                text.replace(".", "").replace(",", ".") if decimal_comma else text.replace(",", "")
            )
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("Write a number, e.g. 120.50.")) from None
        if not number.is_finite():
            raise ValueError(_("Write a number, e.g. 120.50."))
        return number

    def render(self, value: Decimal | None, obj: object = None, **kwargs: object) -> Decimal | str:
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


class IntegerWidget(Widget):
    """A whole number; `empty` is what an empty cell means."""

    def __init__(self, empty: int | None = None) -> None:
        super().__init__()
        self.empty = empty

    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> int | None:
        if isinstance(value, bool):
            raise ValueError(_("Write a whole number."))
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        text = cell_text(value)
        if not text:
            return self.empty
        match = re.fullmatch(r"(\d+)(?:[.,]0+)?", text)
        if not match:
            raise ValueError(_("Write a whole number."))
        return int(match.group(1))

    def render(self, value: int | None, obj: object = None, **kwargs: object) -> int | str:
        if value is None:
            return ""
        return value if kwargs.get("force_native_type") else str(value)


YES = {"yes", "y", "ja", "j", "true", "1", "x"}
NO = {"no", "n", "ne", "false", "0", ""}


class BooleanWidget(Widget):
    """Yes or no, in English or Latvian (jā, nē), or 1/0, true/false; empty means no."""

    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> bool:
        if isinstance(value, bool):
            return value
        text = normalise(cell_text(value))
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("Write yes or no."))

    def render(self, value: object, obj: object = None, **kwargs: object) -> str:
        return _("yes") if value else _("no")


@cache
def _choice_index(choices: type[TextChoices]) -> dict[str, str]:
    index: dict[str, str] = {}
    for language in LANGUAGES:
        with translation.override(language):
            for code, label in choices.choices:
                index.setdefault(normalise(label), code)
    for code in choices.values:
        index[normalise(code)] = code
    return index


class _TextChoicesWidget(Widget):
    """What the widgets of one choice and of a list of choices share: a TextChoices, whose
    values are read by code or label and written by label."""

    def __init__(self, choices: type[TextChoices], empty: str = "") -> None:
        super().__init__()
        self.choices = choices
        self.empty = empty

    def code(self, text: str) -> str:
        code = _choice_index(self.choices).get(normalise(text))
        if code is None:
            labels = "; ".join(str(label) for label in self.choices.labels)
            raise ValueError(
                _("Unknown value “%(value)s”; write one of: %(choices)s.")
                % {"value": text, "choices": labels}
            )
        return code

    def label(self, code: str) -> str:
        if not code:
            return ""
        return str(dict(self.choices.choices).get(code, code))


class ChoiceWidget(_TextChoicesWidget):
    """One of a TextChoices: its code, or its label in English or Latvian."""

    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> str:
        text = cell_text(value)
        return self.code(text) if text else self.empty

    def render(self, value: str | None, obj: object = None, **kwargs: object) -> str:
        return self.label(value or "")


class ChoiceListWidget(_TextChoicesWidget):
    """Several values of a TextChoices separated by ';' (or ',' or new lines).

    Not a ChoiceWidget: it reads and writes a list of codes, not one."""

    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> list[str]:
        parts = [part.strip() for part in re.split(r"[;,\n]", cell_text(value))]
        codes = [self.code(part) for part in parts if part]
        return list(dict.fromkeys(codes))

    def render(self, value: Iterable[str] | None, obj: object = None, **kwargs: object) -> str:
        return "; ".join(self.label(code) for code in value or [])


@cache
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for language in LANGUAGES:
        with translation.override(language):
            for code, name in countries:
                index.setdefault(normalise(name), code)
    for code, _name in countries:
        index[normalise(code)] = code
        alpha3 = countries.alpha3(code)
        if alpha3:
            index.setdefault(normalise(alpha3), code)
    return index


def country_code(text: str) -> str:
    """The ISO code of a country given by its code or its English or Latvian name."""
    code = _country_index().get(normalise(text))
    if code is None:
        raise ValueError(
            _(
                "Unknown country “%(value)s”: write its ISO code (ES) or its name in "
                "English or Latvian."
            )
            % {"value": text}
        )
    return code


class CountryWidget(Widget):
    """Written as the ISO code; read as a code or an English or Latvian name."""

    def clean(self, value: object, row: ImportRow | None = None, **kwargs: object) -> str:
        text = cell_text(value)
        return country_code(text) if text else ""

    def render(self, value: object, obj: object = None, **kwargs: object) -> str:
        return str(value.code if hasattr(value, "code") else value or "")
