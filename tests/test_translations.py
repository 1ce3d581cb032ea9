"""The UI ships in Latvian: every message is translated and the compiled catalogue is
the one in the repository's .po file."""

import gettext
import re
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "lv" / "LC_MESSAGES"


def test_every_message_has_a_latvian_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()]


def test_the_compiled_catalogue_matches_the_po_file():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for entry in po.translated_entries():
        if entry.msgid_plural:
            assert mo.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgstr_plural[0]
        else:
            context = entry.msgctxt
            found = mo.pgettext(context, entry.msgid) if context else mo.gettext(entry.msgid)
            assert found == entry.msgstr, entry.msgid


def test_placeholders_survive_translation():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    for entry in po.translated_entries():
        for flag_format in ("python-format", "python-brace-format"):
            if flag_format in entry.flags and not entry.msgid_plural:
                assert sorted(_placeholders(entry.msgid)) == sorted(_placeholders(entry.msgstr)), (
                    entry.msgid
                )


def _placeholders(text: str) -> list[str]:
    return re.findall(r"%\(\w+\)[sdfr]|%\(\w+\)\.\d+f|%%", text)
