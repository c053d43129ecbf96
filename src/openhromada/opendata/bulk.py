"""Bulk files: CSV, JSON Lines and one ZIP of everything, generated as streams.

Rows are read in keyset chunks and written out as they come, so memory stays flat whatever the
size of the data. The ZIP carries a Frictionless `datapackage.json` (the data dictionary: every
column with its type and description, the licence, the generation time) and a README.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import zipfile
from collections.abc import Callable, Iterator

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone

from openhromada.core.text import EXCEL_BOM, spreadsheet_text
from openhromada.core.withholding import Active, active

from .base import REGISTRY, Dataset
from .datapackage import descriptor

CHUNK = 64 * 1024


def datasets() -> list[Dataset]:
    return list(REGISTRY.values())


def get(key: str) -> Dataset | None:
    return next((d for d in datasets() if d.key == key), None)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


class _Pipe:
    """A write-only file object whose contents are collected and drained by a generator."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        if isinstance(data, str):
            data = data.encode("utf-8")
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts, self.size = [], 0
        return data


def csv_lines(
    dataset: Dataset,
    withheld: Active,
    filters: dict | None = None,
    narrow: Callable[[QuerySet], QuerySet] | None = None,
    *,
    spreadsheet: bool = False,
) -> Iterator[bytes]:
    """The dataset as UTF-8 CSV (no BOM; header of column names; lines end with CRLF as RFC 4180
    says), in ~64 KB pieces. Values are exact: nothing is altered to stop spreadsheet formulas.
    `filters` are the dataset's, `narrow` a list page's selection (see public_rows).

    `spreadsheet`: for a list page's «download these rows», which people open in Excel rather
    than load as data — a byte-order mark, every cell quoted, and text that would start a
    formula kept as text (core.text.spreadsheet_text), as the officials' other CSVs are."""
    pipe = _Pipe()
    text = _TextPipe(pipe)
    if spreadsheet:
        text.write(EXCEL_BOM)
        writer = csv.writer(text, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    else:
        writer = csv.writer(text, lineterminator="\r\n")
    names = [c.name for c in dataset.columns]
    writer.writerow(names)
    cell = (lambda value: spreadsheet_text(_cell(value))) if spreadsheet else _cell
    for row in dataset.public_rows(withheld, filters, narrow):
        writer.writerow([cell(row.get(name)) for name in names])
        if pipe.size >= CHUNK:
            yield pipe.drain()
    yield pipe.drain()


class _TextPipe:
    def __init__(self, pipe: _Pipe):
        self.pipe = pipe

    def write(self, text: str) -> int:
        return self.pipe.write(text)


def jsonl_lines(dataset: Dataset, withheld: Active, filters: dict | None = None) -> Iterator[bytes]:
    """The dataset as JSON Lines: one JSON object per line, in ~64 KB pieces."""
    buffer: list[str] = []
    size = 0
    for row in dataset.public_rows(withheld, filters):
        line = json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"
        buffer.append(line)
        size += len(line)
        if size >= CHUNK:
            yield "".join(buffer).encode("utf-8")
            buffer, size = [], 0
    yield "".join(buffer).encode("utf-8")


README = """Open Hromada (Відкрита громада) — open data
Generated: {generated}
Licence: {licence} ({licence_url})
Source: {site}

Each dataset is here as CSV (UTF-8, no BOM, comma-separated, header row, lines ending in CRLF as
RFC 4180 says; lists joined with ';') and as JSON Lines. datapackage.json describes every column,
primary key and reference between datasets (Frictionless Data Package, Table Schema).

CSV values are exact, as recorded: a cell that begins with =, +, - or @ is NOT altered to stop
spreadsheet formulas. Import the files as data (a CSV reader, a database, a "text" import) rather
than opening them in a spreadsheet where formulas run.

Withheld records and fields are left out. Drafts are never included.
"""


def zip_stream(withheld: Active | None = None) -> Iterator[bytes]:
    """Every dataset as CSV and JSON Lines in one ZIP, streamed (no seeking, constant memory)."""
    withheld = active() if withheld is None else withheld
    generated = timezone.now()
    items = datasets()
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        info = {"generated": generated.isoformat(timespec="seconds"), "site": settings.SITE_URL}
        licence = settings.OPENDATA_LICENCE
        archive.writestr(
            "README.txt",
            README.format(**info, licence=licence["name"], licence_url=licence["url"]),
        )
        archive.writestr(
            "datapackage.json",
            json.dumps(descriptor(items, generated), ensure_ascii=False, indent=2),
        )
        yield pipe.drain()
        for dataset in items:
            for name, lines in (
                (f"{dataset.key}.csv", csv_lines(dataset, withheld)),
                (f"{dataset.key}.jsonl", jsonl_lines(dataset, withheld)),
            ):
                entry = zipfile.ZipInfo(name, _zip_time(generated))
                entry.compress_type = zipfile.ZIP_DEFLATED
                with archive.open(entry, "w", force_zip64=True) as member:
                    for piece in lines:
                        member.write(piece)
                        if pipe.size >= CHUNK:
                            yield pipe.drain()
                yield pipe.drain()
    yield pipe.drain()


def _zip_time(moment: dt.datetime) -> tuple:
    local = timezone.localtime(moment)
    return (local.year, local.month, local.day, local.hour, local.minute, local.second)
