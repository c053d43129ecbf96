"""Apply many Ukrainian translations at once from a Python file defining T (msgid → text) and,
for plural entries, P (msgid → [one, few, many, other]): tools/translate_many.py FILE."""

import runpy
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "src/openhromada/locale/uk/LC_MESSAGES/django.po"


def main(path: str) -> int:
    data = runpy.run_path(path)
    singular, plural = dict(data.get("T", {})), dict(data.get("P", {}))
    po = polib.pofile(str(PO))
    for entry in po:
        if entry.msgid_plural and entry.msgid in plural:
            forms = plural.pop(entry.msgid)
            entry.msgstr_plural = dict(enumerate(forms))
        elif not entry.msgid_plural and entry.msgid in singular:
            entry.msgstr = singular.pop(entry.msgid)
        else:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    po.save()
    for msgid in [*singular, *plural]:
        print(f"not in the catalogue: {msgid!r}")
    return 1 if singular or plural else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
