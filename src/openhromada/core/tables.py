"""Rows of an uploaded CSV or XLSX table, read within limits: no file, however it was made, costs
much more to read than the largest allowed one, and every bad file gets a message naming its row.

CSV: UTF-8 (with or without a byte-order mark), else Windows-1251 — Excel in Ukrainian saves
“CSV (розділювач — кома)” in Windows-1251 with `;`. The rule is UTF-8 first because Windows-1251
text with Ukrainian letters is, in practice, never valid UTF-8, while Windows-1251 decodes almost
any bytes; a statistical detector would also have to choose between look-alike Cyrillic code
pages (KOI8-U, CP866, Mac) on short files, less predictably. The delimiter is the one of `,` or
`;` that the header row uses more (the header holds column names, never either character).

XLSX: the first sheet, read by `core.xlsx` once the package is checked; at most MAX_COLUMNS
columns and MAX_ROWS rows below the header."""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from . import xlsx
from .cells import grouped as _n

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000  # below the header
MAX_COLUMNS = 64  # read from the left; columns beyond are ignored like any unknown column
MAX_CELL = 131_072  # characters in one CSV cell (the csv module's default limit)
ENCODINGS = ("utf-8-sig", "cp1251")
DELIMITERS = (",", ";")
FIRST_LINE = re.compile(r"\S[^\n]*")  # the first line with anything in it
# the control characters that mark binary data, not text (WHATWG MIME sniffing)
BINARY = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    cells: dict  # column name → value (text from CSV; text, number, date or None from XLSX)


def read_table(upload) -> list[Row]:
    """The rows below the header of an uploaded .csv or .xlsx file, blank rows left out."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
    name = (upload.name or "").lower()
    if name.endswith(".xlsx"):
        # the sheet may run to row MAX_ROWS + 1: the header and MAX_ROWS rows
        rows = xlsx.sheet_rows(upload.read(), last_row=MAX_ROWS + 1, max_columns=MAX_COLUMNS)
        with closing(rows):
            return _table(rows)
    if name.endswith(".csv"):
        return csv_rows(upload.read())
    raise ValidationError(_("Upload a .csv or .xlsx file."))


def _table(rows: Iterable[tuple[int, Sequence]]) -> list[Row]:
    header: list[str] | None = None
    out = []
    for number, values in rows:
        if not values:  # a CSV's empty line
            continue
        values = values[:MAX_COLUMNS]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if header is None:  # the first row with anything in it
            header = ["" if v is None else str(v).strip() for v in values]
            continue
        if len(out) == MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(n)s rows below its header.") % {"n": _n(MAX_ROWS)}
            )
        out.append(Row(number, {h: v for h, v in zip(header, values, strict=False) if h}))
    return out


# --- CSV -----------------------------------------------------------------------------------


def csv_rows(data: bytes) -> list[Row]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    return _table(_numbered_records(reader))


def _decode(data: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Windows-1251 decodes almost any bytes: binary ones (UTF-16, a renamed file) say it is not
        if encoding == "utf-8-sig" or not BINARY.search(text):
            return text
    raise ValidationError(
        _(
            "The CSV file is in neither UTF-8 nor Windows-1251. "
            "Save it from the spreadsheet as CSV again."
        )
    )


def _delimiter(text: str) -> str:
    header = FIRST_LINE.search(text)
    if header is None:
        return DELIMITERS[0]
    return max(DELIMITERS, key=header.group().count)  # a tie (neither is there): the comma


def _numbered_records(reader) -> Iterator[tuple[int, list[str]]]:
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:  # a cell over the field limit: most often a quotation mark not closed
            raise _unreadable(number + 1) from None
        number += 1
        # The csv module's own limit is process-wide and other code may raise it (frictionless
        # does), so the cell size is checked here too.
        if any(len(value) > MAX_CELL for value in values):
            raise _unreadable(number)
        yield number, values


def _unreadable(row: int) -> ValidationError:
    return ValidationError(
        _(
            "Row %(row)s cannot be read: a cell is longer than %(limit)s characters, "
            "or a quotation mark is not closed."
        )
        % {"row": _n(row), "limit": _n(MAX_CELL)}
    )
