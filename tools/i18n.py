"""Keep the catalogues complete: runs makemessages, fills the English catalogue from the
(English) source strings, lists Ukrainian entries still to translate, and compiles both."""

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "openhromada"
LOCALE = PACKAGE / "locale"


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "django.po"


def makemessages() -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "uk",
            "-l",
            "en",
            "--no-obsolete",
            "--no-location",
            "--ignore",
            "migrations/*",
        ],
        cwd=PACKAGE,
        check=True,
    )


def fill_english() -> None:
    po = polib.pofile(str(po_path("en")))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()


def untranslated(lang: str) -> list[str]:
    po = polib.pofile(str(po_path(lang)))
    return [e.msgid for e in po.untranslated_entries()] + [e.msgid for e in po.fuzzy_entries()]


def compile_all() -> None:
    for lang in ("uk", "en"):
        polib.pofile(str(po_path(lang))).save_as_mofile(str(po_path(lang).with_suffix(".mo")))


def main() -> int:
    makemessages()
    fill_english()
    missing = untranslated("uk")
    for msgid in missing:
        print(f"untranslated (uk): {msgid!r}")
    compile_all()
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
