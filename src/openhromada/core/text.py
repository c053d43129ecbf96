"""Text helpers: case-folding and the Ukrainian alphabet's sort order for search and lists; and
cleaning people's text of characters that carry no text (on the way in) or that no XML, XLSX or
e-mail writer accepts (on the way out), and keeping spreadsheet cells from running as formulas."""

import csv
import io
import re
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


# Characters that are no part of any text a person means: C0 controls other than tab, LF and CR
# (NUL, ESC, …) and DEL; the bidirectional embeddings, overrides and isolates
# (U+202A–U+202E, U+2066–U+2069), which make text read otherwise than it is stored (a file
# "invoice<U+202E>fdp.exe" reads as "invoiceexe.pdf"); lone surrogates and U+FFFE/U+FFFF, which
# have no UTF-8 or XML form. Everything else in XML 1.0's character range is kept.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# Word writes a manual line break as VT (\x0b) and a page break as FF (\x0c): they mean a new line
# in a text and a space in a one-line value (as does a tab). (Regular expressions, not
# str.translate: twenty times faster on Cyrillic text.)
# Unicode's own line and paragraph separators (and NEL) are line breaks too: one in a title
# splits it in e-mail headers and in JavaScript-era readers alike.
_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
_GAPS = re.compile("[\t\x0b\x0c]")
_LINE_BREAK = re.compile("\r\n?|[\n\x85\u2028\u2029]")
# A spreadsheet runs a cell starting with one of these as a formula (=HYPERLINK(…), DDE) when a
# CSV file is opened (OWASP "CSV injection"); a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """Multi-line text without invisible characters; Word's line and page breaks become new
    lines. Tab, LF and CR stay. Safe for any XML 1.0 writer (Atom, RDF/XML, XLSX, iCalendar)."""
    return _INVISIBLE.sub("", _BREAKS.sub("\n", text))


def clean_line(text: str) -> str:
    """One line of text without invisible characters; tabs and Word's breaks become spaces.
    Line breaks (CR, LF) are left in, for validation to refuse: see `has_line_break`."""
    return _INVISIBLE.sub("", _GAPS.sub(" ", text))


def has_line_break(text: str) -> bool:
    return _LINE_BREAK.search(text) is not None


def flatten(text: str) -> str:
    """`clean_line` with each line break a space: for storing a one-line value whatever comes."""
    return _LINE_BREAK.sub(" ", clean_line(text))


def one_line(text: str) -> str:
    """Any text as one tidy line (e-mail subjects, calendar names, a search box's query): clean,
    every run of whitespace one space."""
    return " ".join(clean_text(text).split())


def spreadsheet_text(value):
    """A CSV cell a spreadsheet shows as text: a string starting with = + - @, tab or CR gets a
    leading apostrophe (OWASP); other values and other strings are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def spreadsheet_row(values) -> list:
    """A CSV row of `spreadsheet_text` cells: for CSV files officials open in a spreadsheet (the
    open-data CSVs keep values exact instead: they are data, documented as such)."""
    return [spreadsheet_text(value) for value in values]


# Excel opens a CSV file as UTF-8 only when it starts with a byte-order mark; without one,
# Ukrainian text in a file an official downloads shows as mojibake.
EXCEL_BOM = "\ufeff"


def spreadsheet_csv(rows) -> str:
    """A CSV file for officials to open in a spreadsheet: a byte-order mark, then the rows as
    `spreadsheet_row`s, every cell quoted — Excel in Ukrainian splits lines on `;`, and an
    unquoted "Ремонт;=1+1" would become a cell starting with "=" there."""
    buffer = io.StringIO()
    buffer.write(EXCEL_BOM)
    csv.writer(buffer, quoting=csv.QUOTE_ALL).writerows(spreadsheet_row(row) for row in rows)
    return buffer.getvalue()


def from_spreadsheet(text: str) -> str:
    """Undo `spreadsheet_text`, so an exported CSV file can be imported again unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def query_id(raw) -> int | None:
    """A record's id from a query string, or None: ASCII digits only ("²" and "١" are digits to
    `str.isdigit` but not to `int`), within what every database's integer key holds."""
    raw = (raw or "").strip() if isinstance(raw, str) else ""
    if raw.isascii() and raw.isdigit() and len(raw) <= 18:  # below 2**63 (PostgreSQL's bigint)
        return int(raw) or None
    return None


def choice_labels(choices) -> dict[str, str]:
    """Capitalised labels by value, worked out once for a list that shows many rows."""
    return {value: str(label).capitalize() for value, label in choices}


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def content_language(text, page_language: str) -> str:
    """The language people's text is written in, for its element's `lang`: Ukrainian when it has
    Cyrillic letters, English when it has Latin letters only, else the page's own. Plan titles,
    proposals and comments are typed in one language whatever the page's, and a screen reader
    reads Ukrainian with an English voice unless the element says otherwise."""
    text = str(text or "")
    if _CYRILLIC.search(text):
        return "uk"
    if _LATIN.search(text):
        return "en"
    return page_language
