"""The Latvian UI speaks in one register, the formal "jūs", including the strings of
Django's own catalogue that our pages show (our catalogue overrides them)."""

import re
from pathlib import Path

import django
import polib
from django.conf import settings
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
OURS = ROOT / "locale" / "lv" / "LC_MESSAGES" / "django.po"
DJANGO = Path(django.__file__).parent

# Second-person singular pronouns and imperatives or verbs, as a person reads them.
INFORMAL = re.compile(
    r"(?i)\b(tu|tev|tevi|tevis|tavs|tava|tavu|tavi|tavas|tavā|tavam|tavai|tavus|tavām|"
    r"taviem|tavos|ievadi|spied|nospied|izvēlies|mēģini|pārbaudi|vari|vēlies|aizmirsi|"
    r"nesaņēmi|ievadīji|pieprasīji|reģistrējies|esi|atceries|klikšķini|apstiprini)\b"
)
# Lower-case "jūs", "jūsu", "jums" mid-sentence; capitalised only where a sentence starts.
CAPITALISED_MID_SENTENCE = re.compile(r"[^.!?:\s]\s+(Jūs|Jūsu|Jums|Jūsējo)\b")


def _strings(entry):
    return [entry.msgstr, *entry.msgstr_plural.values()]


def _django_catalogues():
    apps = [app.rsplit(".", 1)[1] for app in settings.INSTALLED_APPS if "django.contrib" in app]
    yield DJANGO / "conf" / "locale" / "lv" / "LC_MESSAGES" / "django.mo"
    for app in apps:
        mo = DJANGO / "contrib" / app / "locale" / "lv" / "LC_MESSAGES" / "django.mo"
        if mo.exists():
            yield mo


def test_our_latvian_strings_are_in_the_formal_register():
    informal = [
        text for e in polib.pofile(str(OURS)) for text in _strings(e) if INFORMAL.search(text)
    ]
    assert informal == []


def test_our_latvian_strings_write_jus_in_lower_case_mid_sentence():
    capitalised = [
        text
        for e in polib.pofile(str(OURS))
        for text in _strings(e)
        if CAPITALISED_MID_SENTENCE.search(text)
    ]
    assert capitalised == []


def test_djangos_strings_read_formally_through_our_catalogue():
    informal = []
    with translation.override("lv"):
        for mo in _django_catalogues():
            for entry in polib.mofile(str(mo)):
                if not entry.msgid:
                    continue
                if entry.msgid_plural:
                    shown = [
                        translation.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2, 0)
                    ]
                else:
                    shown = [translation.gettext(entry.msgid)]
                informal += [text for text in shown if INFORMAL.search(text)]
    assert informal == []


def test_the_password_validators_speak_latvian():
    with translation.override("lv"):
        short = translation.ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            21,
        ) % {"min_length": 21}
    assert short == "Parole ir pārāk īsa: tajā jābūt vismaz 21 rakstzīmei."


def test_the_scanner_sees_the_informal_register():
    assert INFORMAL.search("Tava parole tika iestatīta. Tagad vari pieteikties.")
    assert not INFORMAL.search("Jūsu parole ir iestatīta. Tagad varat pieteikties.")
    assert CAPITALISED_MID_SENTENCE.search("tāpēc Jūsu izmaiņas")
