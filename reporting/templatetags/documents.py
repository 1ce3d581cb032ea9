"""Formats of the printed documents, in the document's (active) language."""

from datetime import date

from django import template
from django.utils import dateformat
from django.utils.html import escape as html_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from reporting.emblem import emblem_svg

register = template.Library()

# Latvian documents write dates as dd.mm.yyyy. (with the ordinal's full stop); English
# ones spell the month out, which no reader can take for a US date.
DATE_FORMATS = {"lv": "d.m.Y.", "en": "j F Y"}


@register.filter
def doc_date(value) -> str:
    if not isinstance(value, date):
        return ""
    language = (get_language() or "lv")[:2]
    return dateformat.format(value, DATE_FORMATS.get(language, DATE_FORMATS["lv"]))


@register.filter
def css_string(value) -> str:
    """Text for a double-quoted CSS string (page headers): quotes, backslashes and line
    breaks escaped the CSS way; HTML escaping does not apply inside <style>."""
    text = str(value)
    for char, escape in (("\\", "\\5C "), ('"', "\\22 "), ("\n", "\\A "), ("<", "\\3C ")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - escaped above for CSS


@register.simple_tag
def eu_emblem(label: str) -> str:
    """The EU emblem as inline SVG, named `label` for screen readers."""
    svg = emblem_svg().replace("<svg ", f'<svg role="img" aria-label="{html_escape(label)}" ', 1)
    return mark_safe(svg)  # noqa: S308 - drawn by reporting.emblem; the label is escaped
