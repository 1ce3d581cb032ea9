"""A count shown to a person takes the Latvian plural form of that count.

Latvian has three forms: 1, 21, 41 … take the singular ("21 dokuments", "1 vietā"),
other counts the plural ("2 dokumenti", "11 dokumenti"), 0 its own ("0 dokumentu").
So a message that shows a count goes through ngettext (or `{% blocktranslate count %}`);
a plain gettext with the English plural noun reads "41 dokumenti", "1 vietās".
"""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import ngettext

ROOT = Path(__file__).resolve().parent.parent

COUNTS = (0, 1, 2, 11, 21, 41)


@pytest.mark.parametrize(
    ("singular", "plural", "values", "expected"),
    [
        (
            "%(document)s: %(n)d document is queued.",
            "%(document)s: %(n)d documents are queued.",
            {"document": "Līgumi"},
            [
                "Līgumi: rindā ievietoti 0 dokumentu.",
                "Līgumi: rindā ievietots 1 dokuments.",
                "Līgumi: rindā ievietoti 2 dokumenti.",
                "Līgumi: rindā ievietoti 11 dokumenti.",
                "Līgumi: rindā ievietots 21 dokuments.",
                "Līgumi: rindā ievietots 41 dokuments.",
            ],
        ),
        (
            "Rank %(rank)d of %(count)d with %(score)s points, within the %(places)d place.",
            "Rank %(rank)d of %(count)d with %(score)s points, within the %(places)d places.",
            {"rank": 1, "count": 3, "score": "9,00"},
            [
                "1. vieta reitingā no 3 (punkti: 9,00); iekļaujas 0 vietās.",
                "1. vieta reitingā no 3 (punkti: 9,00); iekļaujas 1 vietā.",
                "1. vieta reitingā no 3 (punkti: 9,00); iekļaujas 2 vietās.",
                "1. vieta reitingā no 3 (punkti: 9,00); iekļaujas 11 vietās.",
                "1. vieta reitingā no 3 (punkti: 9,00); iekļaujas 21 vietā.",
                "1. vieta reitingā no 3 (punkti: 9,00); iekļaujas 41 vietā.",
            ],
        ),
        (
            "0 to %(max)d point. %(description)s",
            "0 to %(max)d points. %(description)s",
            {"description": ""},
            [
                "No 0 līdz 0 punktiem. ",
                "No 0 līdz 1 punktam. ",
                "No 0 līdz 2 punktiem. ",
                "No 0 līdz 11 punktiem. ",
                "No 0 līdz 21 punktam. ",
                "No 0 līdz 41 punktam. ",
            ],
        ),
        (
            "%(days)d day × %(rate)s",
            "%(days)d days × %(rate)s",
            {"rate": "50"},
            [
                "0 dienu × 50",
                "1 diena × 50",
                "2 dienas × 50",
                "11 dienas × 50",
                "21 diena × 50",
                "41 diena × 50",
            ],
        ),
    ],
)
def test_latvian_counts_take_the_form_of_their_number(singular, plural, values, expected):
    with translation.override("lv"):
        got = []
        for n in COUNTS:
            number = {"n", "places", "max", "days"} & set(re.findall(r"%\((\w+)\)", singular))
            got.append(ngettext(singular, plural, n) % {**values, **dict.fromkeys(number, n)})
    assert got == expected


# A number placeholder followed, within a few words, by an English plural noun.
NOUNS = (
    "days|places|points|documents|times|seconds|characters|participants|people|applicants|"
    "learners|mobilities|rows|cells|texts|parts|objects|elements|levels|months|years|visits|"
    "courses|records|files|notes|steps|goals|invitations|agreements|problems|minutes|hours|"
    "weeks|entries|items|criteria|scores|errors|accounts|bytes|pixels"
)
COUNT_NEXT_TO_NOUN = re.compile(r"%\(\w+\)[ds](?:\s+[\w-]+){0,3}?\s+(?:" + NOUNS + r")\b")
GETTEXT_CALLS = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}

# Numbers that are fixed limits of the code, all round and large, so Latvian always
# takes the plural ("vairāk nekā 10000 rindu"); or the number is not a count.
NOT_A_VARYING_COUNT = {
    "The file has more than %(limit)s cells",
    "Line %(line)s has more cells",
    "The file has more than %(limit)s rows",
    "The XLSX file holds more than %(limit)s",
    "A text in the file is longer than %(limit)s characters",
    "The sheet's used range %(range)s spans more than %(limit)s cells",
    "The XLSX file unpacks to more than %(ratio)s times",
    "A request holds at most %(max)d mobilities",
    "A string has at most %(max)d characters",
    "Arrays and objects nest at most %(max)d levels",
    "The PDF has more than %(max)s objects",
    "The reason is at most %(n)d characters",
    "This activity lasts %(min)d-%(max)d days",
}


def _allowed(text: str) -> bool:
    return any(text.startswith(prefix) for prefix in NOT_A_VARYING_COUNT)


def _python_files():
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if (
            relative.parts[0] in {".venv", "node_modules", "tests"}
            or "migrations" in relative.parts
        ):
            continue
        yield path


def python_counts_without_ngettext() -> list[str]:
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in GETTEXT_CALLS:
                continue
            for arg in node.args:
                text = arg.value if isinstance(arg, ast.Constant) else None
                if isinstance(text, str) and COUNT_NEXT_TO_NOUN.search(text) and not _allowed(text):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text[:80]}")
    return found


BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<head>.*?)%}(?P<body>.*?){%\s*endblocktrans(?:late)?\s*%}",
    re.S,
)
NUMBER_THEN_TRANSLATED_NOUN = re.compile(
    r"{{\s*[\w.|:]+\s*}}\s*{%\s*trans(?:late)?\s+[\"'][\w ]*s[\"']", re.S
)


def template_counts_without_count() -> list[str]:
    found = []
    for path in (ROOT / "templates").rglob("*.*"):
        source = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        for block in BLOCK.finditer(source):
            if re.search(r"\bcount\b", block["head"]):
                continue
            text = re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", block["body"])
            if COUNT_NEXT_TO_NOUN.search(text) and not _allowed(text):
                found.append(f"{where}: {' '.join(text.split())[:80]}")
        found += [f"{where}: {m[0]}" for m in NUMBER_THEN_TRANSLATED_NOUN.finditer(source)]
        found += [f"{where}: |pluralize" for _ in re.finditer(r"\|\s*pluralize", source)]
    return found


def test_python_shows_counts_through_ngettext():
    assert python_counts_without_ngettext() == []


def test_templates_show_counts_through_blocktranslate_count():
    assert template_counts_without_count() == []


def test_the_scanner_sees_a_count_without_ngettext(tmp_path):
    assert COUNT_NEXT_TO_NOUN.search("%(n)d documents are queued.")
    assert COUNT_NEXT_TO_NOUN.search("within the %(places)d places.")
    assert not COUNT_NEXT_TO_NOUN.search("Version %(n)s was replaced on %(day)s.")
    assert NUMBER_THEN_TRANSLATED_NOUN.search('{{ n }} {% translate "documents" %}')
