"""Text helpers for Ukrainian: case-folding for search and the alphabet's own sort order."""

import unicodedata

# Unicode puts «і» after «я» (the Cyrillic block was laid out for Russian); this is the real order.
UKRAINIAN_ALPHABET = " '-0123456789абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
# Each letter becomes two digits, any other character "9" and five digits: a digits-only key sorts
# the same under every database collation (C, en_US, uk_UA), and the code is prefix-free.
_COLLATION = {letter: f"{i:02d}" for i, letter in enumerate(UKRAINIAN_ALPHABET)}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'"})


def fold(text: str) -> str:
    """Lower-case, NFC, one kind of apostrophe, collapsed spaces: for search on any database."""
    text = unicodedata.normalize("NFC", text or "").translate(_APOSTROPHES).casefold()
    return " ".join(text.split())


def collation_key(text: str) -> str:
    """A string whose plain sort is the Ukrainian alphabetical order."""
    return "".join(_COLLATION.get(ch) or f"9{min(ord(ch), 99999):05d}" for ch in fold(text))
