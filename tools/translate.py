"""Set Ukrainian translations from the command line: tools/translate.py 'msgid=переклад' …"""

import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parent.parent / "src/openhromada/locale/uk/LC_MESSAGES/django.po"


def main(pairs: list[str]) -> int:
    po = polib.pofile(str(PO))
    wanted = dict(pair.split("=", 1) for pair in pairs)
    for entry in po:
        if entry.msgid in wanted:
            entry.msgstr = wanted.pop(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save()
    for msgid in wanted:
        print(f"not in the catalogue: {msgid!r}")
    return 1 if wanted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
