"""The first sheet of an uploaded XLSX file, read within limits.

openpyxl keeps every shared string in memory (and every element it has read, cleared, in its
tree), reads a whole sheet to learn its size when the sheet does not state it, and builds each
row whole before dropping the cells past the columns asked for. So before openpyxl sees the file,
the package is checked as it unpacks, a megabyte at a time: its parts and their declared sizes,
then its XML elements, shared strings and the cells of each row are counted (0.3 s for 50 MB).
The limits sit above a plan of 20,000 rows (about 1.3 million elements with inline strings), so
the worst file accepted costs about what that plan costs: seconds and under 100 MB more memory,
where a 1 MB file of six million shared strings took 88 s and 900 MB before."""

import io
import re
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.packaging.manifest import Manifest
from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
from openpyxl.xml.functions import fromstring

from . import archives
from .cells import grouped as _n

MAX_PARTS = 1_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ELEMENTS = 2_000_000
MAX_SHARED_STRINGS = 200_000
MAX_CELLS_IN_A_ROW = 1_000
MAX_MANIFEST_BYTES = 1024 * 1024
# A row's start tag, with or without a namespace prefix; what follows it begins with its number.
ROW_START = re.compile(rb"[<:]row[\s>]")
ROW_NUMBER = re.compile(rb'\s*r="(\d{1,7})"')
CELL_TAGS = (b"<c ", b"<c>", b"<c/", b":c ", b":c>", b":c/")
SMALLEST_CELL = len(b"<c/>")
STRING_TAGS = (b"<si>", b"<si ", b"<si/", b":si>", b":si ", b":si/")


def sheet_rows(data: bytes, *, last_row: int, max_columns: int) -> Iterator[tuple[int, tuple]]:
    """The first sheet's rows up to `last_row` as (row number, values of the first
    `max_columns` cells); a ValidationError for a file past a limit or damaged."""
    file = io.BytesIO(data)
    check_package(file)
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a damaged file
        raise ValidationError(_("The XLSX file cannot be read.")) from None
    try:
        if not workbook.worksheets:
            raise ValidationError(_("The XLSX file has no sheet."))
        sheet = workbook.worksheets[0]
        _check_stated_size(sheet, last_row)
        yield from _rows(sheet, last_row, max_columns)
    finally:
        workbook.close()


def _check_stated_size(sheet, last_row: int) -> None:
    if (sheet.max_row or 0) > last_row:
        raise _too_long(sheet, sheet.max_row, last_row)


def _too_long(sheet, reached: int, last_row: int) -> ValidationError:
    return ValidationError(
        _(
            "The sheet “%(sheet)s” has rows down to row %(last)s; a file can hold at most %(n)s "
            "rows below its header."
        )
        % {"sheet": sheet.title, "last": _n(reached), "n": _n(last_row - 1)}
    )


def _rows(sheet, last_row: int, max_columns: int) -> Iterator[tuple[int, tuple]]:
    """Rows numbered as the sheet numbers them (openpyxl fills in the missing ones)."""
    rows = sheet.iter_rows(max_col=max_columns, max_row=last_row + 1, values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception:  # openpyxl raises many types for a damaged cell (int("inf"), …)
            raise ValidationError(
                _("The XLSX file cannot be read from row %(row)s on.") % {"row": _n(number + 1)}
            ) from None
        number += 1
        if number > last_row:  # the sheet has a row past the limit, even if a blank one
            raise _too_long(sheet, number, last_row)
        yield number, values


def check_package(file) -> None:
    """Refuse a package that would cost more to unpack and parse than the largest plan."""
    try:
        archive = archives.open_zip(file, max_members=MAX_PARTS, max_unpacked=MAX_UNPACKED_BYTES)
        with archive:
            strings = _shared_strings_part(archive)
            count = _Count()
            for info in archive.infolist():
                count.part(shared_strings=info.filename == strings)
                for chunk in archives.chunks(archive, info):
                    count.add(chunk)
    except archives.ArchiveError as error:
        raise ValidationError(_package_message(error.reason)) from None
    finally:
        file.seek(0)


def _shared_strings_part(archive) -> str | None:
    """The part openpyxl reads the shared strings from, found as openpyxl finds it."""
    try:
        info = archive.getinfo(ARC_CONTENT_TYPES)
    except KeyError:
        raise archives.ArchiveError("damaged") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise archives.ArchiveError("damaged")
    try:
        manifest = Manifest.from_tree(fromstring(b"".join(archives.chunks(archive, info))))
    except Exception:  # openpyxl raises many types for a damaged manifest
        raise archives.ArchiveError("damaged") from None
    part = manifest.find(SHARED_STRINGS)
    return part.PartName[1:] if part is not None else None


def _package_message(reason: str) -> str:
    if reason == "members":
        return _("The XLSX file has more than %(n)s parts.") % {"n": _n(MAX_PARTS)}
    if reason == "unpacked":
        return _("The XLSX file is larger than %(mb)s MB once unpacked.") % {
            "mb": _n(MAX_UNPACKED_BYTES // 2**20)
        }
    return _("The XLSX file cannot be read.")


def _cells(piece: bytes) -> int:
    return sum(piece.count(tag) for tag in CELL_TAGS)


class _Count:
    """Counts a package's elements, its shared strings and the cells of each row as its parts
    unpack; raises a ValidationError past a limit."""

    def __init__(self):
        self.elements = self.strings = 0
        self.part(shared_strings=False)

    def part(self, *, shared_strings: bool) -> None:
        self.shared_strings = shared_strings
        self.cells = 0  # in the row being read
        self.row = "1"  # its number, as its start tag gives it

    def add(self, chunk: bytes) -> None:
        # start tags: every "<" but those of end tags (declarations and comments count: a few)
        self.elements += chunk.count(b"<") - chunk.count(b"</")
        if self.shared_strings:
            self.strings += sum(chunk.count(tag) for tag in STRING_TAGS)
        self._check()
        # The rows that start in the chunk, and the one going on from the last chunk: a row's
        # cells are counted when its bytes could hold more cells than it has room for.
        ends = [match.end() for match in ROW_START.finditer(chunk)]
        for index, (start, end) in enumerate(zip([0, *ends], [*ends, len(chunk)], strict=True)):
            if index:
                number = ROW_NUMBER.match(chunk, start)
                self.cells, self.row = 0, number.group(1).decode() if number else "?"
            if end == len(chunk) or end - start > SMALLEST_CELL * (MAX_CELLS_IN_A_ROW - self.cells):
                self.cells += _cells(chunk[start:end])
                if self.cells > MAX_CELLS_IN_A_ROW:
                    raise ValidationError(
                        _("Row %(row)s of the XLSX file holds more than %(n)s cells.")
                        % {"row": self.row, "n": _n(MAX_CELLS_IN_A_ROW)}
                    )

    def _check(self) -> None:
        if self.elements > MAX_ELEMENTS:
            raise ValidationError(
                _(
                    "The XLSX file holds more than %(n)s elements (cells, texts, formatting): "
                    "more than a plan needs. Save only the sheet with the plan, or save it as CSV."
                )
                % {"n": _n(MAX_ELEMENTS)}
            )
        if self.strings > MAX_SHARED_STRINGS:
            raise ValidationError(
                _("The XLSX file holds more than %(n)s different texts.")
                % {"n": _n(MAX_SHARED_STRINGS)}
            )
