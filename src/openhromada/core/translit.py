"""Ukrainian → Latin by the national transliteration (Cabinet resolution No. 55 of 27.01.2010)."""

import re

# Letters whose Latin form differs at the start of a word (є ї й ю я).
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_LETTERS = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
}
_APOSTROPHES = "'’ʼ`"
_WORD = re.compile(r"[\w" + _APOSTROPHES + r"]+")


def _word(word: str) -> str:
    out: list[str] = []
    lower = word.lower()
    letter_index = 0
    for i, ch in enumerate(lower):
        if ch in _APOSTROPHES:
            continue
        if ch == "г" and i > 0 and lower[i - 1] == "з":
            latin = "gh"  # зг → zgh, so it is not read as the digraph zh
        elif letter_index == 0 and ch in _WORD_START:
            latin = _WORD_START[ch]
        else:
            latin = _LETTERS.get(ch, ch)
        if word[i].isupper() and latin:
            latin = latin.upper() if (word.isupper() and len(word) > 1) else latin.capitalize()
        out.append(latin)
        letter_index += 1
    return "".join(out)


def transliterate(text: str) -> str:
    """Хмельницький → Khmelnytskyi; Запоріжжя → Zaporizhzhia; Згурівка → Zghurivka."""
    return _WORD.sub(lambda m: _word(m.group(0)), text)
