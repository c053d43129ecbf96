"""Files for import tests: a valid row, CSV as programs and offices write it, and hand-made XLSX
packages whose sheet and shared strings are written as a hostile or careless program would
(streamed, so that large ones stay cheap to make)."""

import csv
import io
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.utils import get_column_letter

from openhromada.plans import columns


def row(**overrides) -> dict:
    """One valid row (commitment 1, milestone 1) of a plan running 2025–2026."""
    values = dict.fromkeys(columns.NAMES, "")
    values.update(
        {
            "commitment_number": "1",
            "commitment_title": "Портал",
            "problem": "П",
            "objective": "М",
            "lead_body": "Управління",
            "commitment_start": "2025-01-01",
            "commitment_end": "2025-12-31",
            "ogp_values": "access_to_information; civic_participation",
            "sdgs": "16",
            "tags": "дані",
            "supporting_actors": "ГО «Ліхтар» | civil_society",
            "milestone_number": "1",
            "expected_output": "Перелік",
            "milestone_start": "2025-01-01",
            "milestone_due": "2025-03-31",
            "responsible_body": "Управління",
            "weight": "2",
        }
    )
    values.update(overrides)
    return values


def csv_text(rows, delimiter=",", lineterminator="\r\n") -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns.NAMES, delimiter=delimiter, lineterminator=lineterminator
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def csv_file(rows, name="plan.csv", delimiter=",", encoding="utf-8"):
    data = csv_text(rows, delimiter).encode(encoding)
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_file(data: bytes, name="plan.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CONTENT_TYPES = """<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml"
 ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
PACKAGE_RELS = f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="xl/workbook.xml"
 Type="{REL}/officeDocument"/></Relationships>"""
WORKBOOK = f"""<workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>
<sheet name="plan" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = f"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="{REL}/worksheet"/>
<Relationship Id="rId2" Target="sharedStrings.xml" Type="{REL}/sharedStrings"/>
</Relationships>"""


class Raw(str):
    """A cell value written into <v> as it is (a number as a careless program writes one)."""


def package(
    sheet: Iterable[bytes],
    strings: Iterable[bytes] = (b'<sst xmlns="%b"/>' % NS.encode(),),
    **others: Iterable[bytes],
):
    """An XLSX file of one sheet; `sheet`, `strings` and any `others` (more members, by name
    with "/" written "__") are the parts' contents in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        parts = {"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": strings}
        parts.update({name.replace("__", "/"): chunks for name, chunks in others.items()})
        for name, chunks in parts.items():
            with archive.open(name, "w") as member:
                for chunk in chunks:
                    member.write(chunk)
    return buffer.getvalue()


def cell(column: int, row: int, value) -> str:
    ref = f"{get_column_letter(column)}{row}"
    if isinstance(value, str) and not isinstance(value, Raw):
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def sheet(rows: Iterable[list], dimension: str | None = None) -> Iterable[bytes]:
    """A sheet of the given rows (str cells inline, others and Raw ones as numbers)."""
    yield f'<worksheet xmlns="{NS}">'.encode()
    if dimension:
        yield f'<dimension ref="{dimension}"/>'.encode()
    yield b"<sheetData>"
    for number, values in enumerate(rows, start=1):
        cells = "".join(cell(c, number, v) for c, v in enumerate(values, start=1) if v != "")
        yield f'<row r="{number}">{cells}</row>'.encode()
    yield b"</sheetData></worksheet>"


def shared_strings(count: int) -> Iterable[bytes]:
    """`count` short shared strings, repeating so that the part compresses about 100 times."""
    yield f'<sst xmlns="{NS}" count="{count}" uniqueCount="{count}">'.encode()
    for start in range(0, count, 10_000):
        stop = min(count, start + 10_000)
        yield b"".join(b"<si><t>%d</t></si>" % (i % 1000) for i in range(start, stop))
    yield b"</sst>"


def far_cells(header: list[str], rows: int) -> Iterable[bytes]:
    """The header, then `rows` rows whose only cell is in the last column (XFD)."""
    yield f'<worksheet xmlns="{NS}"><dimension ref="A1:XFD{rows + 1}"/><sheetData>'.encode()
    cells = "".join(cell(c, 1, h) for c, h in enumerate(header, start=1))
    yield f'<row r="1">{cells}</row>'.encode()
    for start in range(2, rows + 2, 10_000):
        yield "".join(
            f'<row r="{r}">{cell(16384, r, "x")}</row>'
            for r in range(start, min(rows + 2, start + 10_000))
        ).encode()
    yield b"</sheetData></worksheet>"


def zeros(size: int) -> Iterable[bytes]:
    """`size` zero bytes in chunks: a member that packs a thousand times smaller than it unpacks."""
    for start in range(0, size, 2**20):
        yield bytes(min(2**20, size - start))
