"""The Frictionless Data Package descriptor of the ZIP (datapackage.json): the data dictionary.

One tabular resource per dataset's CSV file, with its Table Schema (every column with its type
and description), its primary key and the foreign keys its columns declare
(`Column.references`), the CSV dialect, and the licence by its SPDX identifier. Checked with the
`frictionless` library in the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .base import Column, Dataset

TABLE_TYPES = {
    "string": "string",
    "integer": "integer",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
    "decimal": "number",
    "integers": "string",  # joined with ";" in CSV
    "strings": "string",
    "object": "object",  # JSON text in CSV
}
# the open-data CSVs keep every value as recorded (unlike the spreadsheets made for officials)
CSV_EXACT = _(
    "CSV: UTF-8, comma-separated, a header row, lines ending in CRLF; lists joined with “;”. "
    "Values are exact, as recorded: cells that begin with =, +, - or @ are not altered to stop "
    "spreadsheet formulas, so import the file as data rather than open it where formulas run."
)
DIALECT = {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "header": True}


def _field(column: Column) -> dict:
    return {
        "name": column.name,
        "type": TABLE_TYPES[column.type],
        "description": str(column.description),
    }


def _foreign_keys(dataset: Dataset) -> list[dict]:
    keys = []
    for column in dataset.columns:
        if column.references:
            resource, field = column.references.split(".")
            keys.append(
                {"fields": column.name, "reference": {"resource": resource, "fields": field}}
            )
    return keys


def _primary_key(dataset: Dataset) -> str:
    """The keyset column if it is public, else the public identifier (a КАТОТТГ code)."""
    names = {c.name for c in dataset.columns}
    return dataset.pk if dataset.pk in names else dataset.lookup


def _resource(dataset: Dataset) -> dict:
    schema = {"fields": [_field(c) for c in dataset.columns], "primaryKey": _primary_key(dataset)}
    if keys := _foreign_keys(dataset):
        schema["foreignKeys"] = keys
    return {
        "profile": "tabular-data-resource",
        "name": dataset.key,
        "path": f"{dataset.key}.csv",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": DIALECT,
        "title": str(dataset.title),
        "description": f"{dataset.description} {CSV_EXACT}",
        "schema": schema,
    }


def descriptor(items: Iterable[Dataset], generated: dt.datetime) -> dict:
    licence = settings.OPENDATA_LICENCE
    with translation.override("en"):
        return {
            "profile": "tabular-data-package",
            "name": "openhromada",
            "title": "Open Hromada — open data",
            "description": str(CSV_EXACT),
            "created": generated.isoformat(timespec="seconds"),
            "licenses": [
                {"name": licence["spdx"], "path": licence["url"], "title": licence["title"]}
            ],
            "homepage": settings.SITE_URL,
            "resources": [_resource(d) for d in items],
        }
