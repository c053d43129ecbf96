"""Both catalogues are complete and compiled; no string in the code is missing from them."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib

import openhromada

PACKAGE = Path(openhromada.__file__).parent


def _po(lang):
    return polib.pofile(str(PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"))


def test_catalogues_have_no_untranslated_or_fuzzy_entries():
    for lang in ("uk", "en"):
        po = _po(lang)
        assert po.untranslated_entries() == [], lang
        assert po.fuzzy_entries() == [], lang


def test_compiled_catalogues_match_the_sources():
    for lang in ("uk", "en"):
        mo = polib.mofile(str(PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.mo"))
        compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
        for entry in _po(lang).translated_entries():
            assert compiled.get((entry.msgctxt, entry.msgid)) == (
                entry.msgstr,
                entry.msgstr_plural,
            ), f"{lang}: run tools/i18n.py ({entry.msgid!r})"


def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "openhromada"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "uk",
            "--no-obsolete",
            "--no-location",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "openhromada.settings",
            "PYTHONPATH": str(PACKAGE.parent),
        },
    )
    fresh = polib.pofile(str(copy / "locale" / "uk" / "LC_MESSAGES" / "django.po"))
    missing = {e.msgid for e in fresh} - {e.msgid for e in _po("uk")}
    assert missing == set(), "new strings: run tools/i18n.py and translate them"
