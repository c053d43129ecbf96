"""Datasets: the one description of public data that the API, bulk files and catalogue share.

A dataset names its columns (with types and descriptions — the data dictionary and the API
schema are generated from them), the query for its public rows, and how a database row becomes
a public row (withheld values blanked, links added). Every output iterates the same rows.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import Field, create_model

from openhromada.core import field_docs
from openhromada.core.withholding import Active

from .problems import BadParameter

CHUNK_ROWS = 2000  # rows read (and prepared) at a time when streaming a whole dataset

TYPES: dict[str, Any] = {
    "string": str,
    "integer": int,
    "boolean": bool,
    "date": dt.date,
    "datetime": dt.datetime,
    "decimal": str,  # decimal amounts travel as strings so no precision is lost
    "integers": list[int],
    "strings": list[str],
    "object": dict[str, Any],
}


# a model field's internal type → its column type (lists and JSON objects are named by hand)
FIELD_TYPES = {
    "CharField": "string",
    "TextField": "string",
    "SlugField": "string",
    "BooleanField": "boolean",
    "DateField": "date",
    "DateTimeField": "datetime",
    "DecimalField": "decimal",
    "ForeignKey": "integer",
    "OneToOneField": "integer",
    "BigIntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: Any  # lazy translation
    nullable: bool = False
    # "dataset-key.column" when every value names a row of another dataset (a foreign key in the
    # Data Package); only where the reference is public whenever this row is
    references: str = ""
    # the model field whose value the column holds, and whose help text describes it
    source: models.Field | None = field(default=None, compare=False, repr=False)

    @classmethod
    def from_field(
        cls,
        model: type[models.Model],
        field_name: str,
        *,
        name: str = "",
        type: str = "",
        nullable: bool = False,
        references: str = "",
    ) -> Column:
        """The column holding `model.field_name` (a foreign key: its id), described by the
        field's help text and codes; named and typed like the field unless told otherwise."""
        source = model._meta.get_field(field_name)
        return cls(
            name or source.attname,
            type or FIELD_TYPES[source.get_internal_type()],
            field_docs.described(source),
            nullable,
            references,
            source,
        )


@dataclass(frozen=True)
class Filter:
    """A list filter: query parameter → queryset lookup, with its type for validation."""

    name: str
    lookup: str
    type: Any
    description: Any
    invert: bool = False  # for `…__isnull` lookups: true means "is not null"
    # "dataset-key.column" when the value must be that column of a public row of another
    # dataset (an unknown oblast code is refused, not answered with an empty list)
    references: str = ""

    def allowed(self) -> tuple[str, list[tuple[str, Any]]]:
        """What values the filter takes, for its documentation: the kind of value and, for a
        choice, each value with its label."""
        if isinstance(self.type, type) and issubclass(self.type, models.Choices):
            return "choice", list(self.type.choices)
        if self.type is bool:
            return "boolean", [("true", ""), ("false", "")]
        return {
            int: "integer",
            dt.date: "date",
            dt.datetime: "datetime",
        }.get(self.type, "reference" if self.references else "string"), []


@dataclass
class Dataset:
    key: str  # the public name: URL path, file names, DCAT identifier
    title: Any  # lazy translations
    description: Any
    keywords: tuple[str, ...]
    columns: tuple[Column, ...]
    queryset: Callable[[Active], QuerySet]  # public rows as values() dicts
    to_row: Callable[[dict, Active], dict]
    pk: str = "id"  # the keyset column for paging and streaming (unique, indexed)
    lookup: str = "id"  # the public identifier in detail URLs
    lookup_type: Any = int
    frequency: str = "IRREG"  # an EU frequency code (CONT, DAILY, MONTHLY…)
    filters: tuple[Filter, ...] = ()
    updated_field: str = "updated_at"
    model_label: str = ""
    schema_name: str = ""
    # Work done once per batch of rows before `to_row` (e.g. reading the records that history
    # values refer to, one query per kind instead of one per row); it may change the rows.
    prepare: Callable[[list[dict], Active], None] | None = None
    # Every row as `queryset` makes it, public or not: what a write endpoint answers its writer
    # about a record the public cannot see (e.g. a proposal to a call whose plan went back to
    # draft, answered by the plan's official). None: `queryset` already holds every row.
    every_row: Callable[[Active], QuerySet] | None = None
    # EU data themes (http://publications.europa.eu/resource/authority/data-theme/…) for DCAT-AP
    themes: tuple[str, ...] = ("GOVE",)
    # the field whose latest value is when the data last changed, if not `updated_field`
    modified_field: str = ""
    # (first, last) fields whose range is the period the data covers (DCAT-AP dct:temporal)
    temporal: tuple[str, str] | None = None
    _schema: Any = field(default=None, repr=False)

    @property
    def schema(self):
        """A Pydantic model of one row, built from the columns (for the OpenAPI document)."""
        if self._schema is None:
            fields = {}
            for col in self.columns:
                kind = TYPES[col.type]
                if col.nullable:
                    kind = kind | None
                with translation.override("en"):  # the API document is in English
                    fields[col.name] = (kind, Field(description=str(col.description)))
            self._schema = create_model(self.schema_name, **fields)
        return self._schema

    def public_queryset(self, withheld: Active) -> QuerySet:
        """Public rows, withheld records (and records under them) left out."""
        return withheld.exclude(self.queryset(withheld))

    def check(self, values: dict, withheld: Active) -> None:
        """Refuse a filter value that names no public row of the dataset it references (one
        query per such filter given); raises BadParameter."""
        for flt in self.filters:
            value = values.get(flt.name)
            if not flt.references or value is None:
                continue
            key, column = flt.references.split(".")
            other = REGISTRY[key]
            if not other.public_queryset(withheld).filter(**{column: value}).exists():
                raise BadParameter(
                    flt.name,
                    gettext(
                        "Unknown value “%(value)s”: the allowed values are in the column "
                        "%(column)s of the dataset “%(dataset)s”."
                    )
                    % {"value": str(value)[:60], "column": column, "dataset": other.title},
                )

    def filtered(self, qs: QuerySet, values: dict) -> QuerySet:
        """`qs` narrowed by the filters that `values` (already validated) give."""
        for flt in self.filters:
            if values.get(flt.name) is not None:
                value = _aware(flt.name, values[flt.name])
                qs = qs.filter(**{flt.lookup: (not value) if flt.invert else value})
        return qs

    def rows(self, rows: list[dict], withheld: Active) -> list[dict]:
        """Database rows as public rows."""
        if self.prepare is not None:
            self.prepare(rows, withheld)
        return [self.to_row(row, withheld) for row in rows]

    def written_row(self, pk, withheld: Active) -> dict:
        """The row of a record just written, for its writer (withheld fields still blanked)."""
        every_row = self.every_row or self.queryset
        return self.rows([every_row(withheld).get(**{self.pk: pk})], withheld)[0]

    def public_rows(
        self,
        withheld: Active,
        filters: dict | None = None,
        narrow: Callable[[QuerySet], QuerySet] | None = None,
    ) -> Iterator[dict]:
        """Every public row (or those the validated `filters` select, or those a list page's
        `narrow` keeps), in keyset order, read in chunks (constant memory)."""
        qs = self.public_queryset(withheld)
        if filters:
            qs = self.filtered(qs, filters)
        if narrow is not None:
            qs = narrow(qs)
        batch: list[dict] = []
        for row in qs.order_by(self.pk).iterator(chunk_size=CHUNK_ROWS):
            batch.append(row)
            if len(batch) == CHUNK_ROWS:
                yield from self.rows(batch, withheld)
                batch = []
        yield from self.rows(batch, withheld)


def _aware(name: str, value):
    """Datetimes in UTC (naive ones taken as UTC); an unrepresentable one is a bad parameter."""
    if not isinstance(value, dt.datetime):
        return value
    try:
        if timezone.is_naive(value):
            return timezone.make_aware(value, dt.UTC)
        return value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise BadParameter(name, gettext("This date and time is out of range.")) from None


# Every dataset, registered by its app in `AppConfig.ready()` (in the order of INSTALLED_APPS,
# which is the order of the ZIP, the catalogue and the data pages).
REGISTRY: dict[str, Dataset] = {}


def register(*datasets: Dataset) -> None:
    for dataset in datasets:
        REGISTRY[dataset.key] = dataset


# Columns and a filter that most datasets share (one description, one translation).
UPDATED = Column("updated_at", "datetime", field_docs.UPDATED)
CREATED = Column("created_at", "datetime", field_docs.CREATED)
URL = Column("url", "string", _("The page on the platform."))
API_URL = Column("api_url", "string", _("This record in the API."))
UPDATED_SINCE = Filter(
    "updated_since", "updated_at__gte", dt.datetime, _("Changed at or after (ISO 8601).")
)
HROMADA_CODE = Column(
    "hromada_code", "string", _("КАТОТТГ code of the hromada."), references="hromadas.code"
)


def field_description(model: type[models.Model], name: str) -> str:
    """A field's description (core.field_docs) in English, for a write schema of the API
    document: what a record's writer sends is described as what its readers get."""
    with translation.override("en"):
        return str(field_docs.described(model._meta.get_field(name)))


def hromada_filter(path: str) -> Filter:
    """`?hromada=<КАТОТТГ code>`; `path` leads from the dataset's model to the hromada's fields
    (e.g. "plan__hromada__")."""
    return Filter(
        "hromada",
        f"{path}code",
        str,
        _("КАТОТТГ code of the hromada."),
        references="hromadas.code",
    )


def oblast_filter(path: str) -> Filter:
    """`?oblast=<КАТОТТГ code>`; `path` leads to the hromada's (or place's) fields."""
    return Filter(
        "oblast",
        f"{path}oblast__code",
        str,
        _("КАТОТТГ code of the oblast."),
        references="oblasts.code",
    )


# Readable names beside the codes: where the row is, in both languages (the hromadas and
# oblasts datasets hold the rest). Added after a dataset's older columns, so files keep their
# column order for existing readers.
PLACE_COLUMNS = (
    Column("oblast_code", "string", _("КАТОТТГ code of the oblast."), references="oblasts.code"),
    Column("oblast_name_uk", "string", _("Name of the oblast in Ukrainian.")),
    Column("oblast_name_en", "string", _("Name of the oblast in English.")),
    Column("hromada_name_uk", "string", _("Name of the hromada in Ukrainian.")),
    Column("hromada_name_en", "string", _("Name of the hromada in English.")),
)
_PLACE_LOOKUPS = {
    "oblast_code": "oblast__code",
    "oblast_name_uk": "oblast__name_uk",
    "oblast_name_en": "oblast__name_en",
    "hromada_name_uk": "name_uk",
    "hromada_name_en": "name_en",
}


def place_fields(path: str) -> tuple[str, ...]:
    """The `values()` lookups of the place columns; `path` leads to the hromada's fields."""
    return tuple(path + lookup for lookup in _PLACE_LOOKUPS.values())


def add_places(row: dict, path: str, out: dict) -> dict:
    """Copy the place columns from a database row read with `place_fields(path)` into `out`."""
    for name, lookup in _PLACE_LOOKUPS.items():
        out[name] = row[path + lookup]
    return out


@functools.cache
def page_prefix(url_name: str) -> str:
    """A page address prefix in the default language, resolved once (rows are built by the
    hundred thousand; `reverse` per row would dominate)."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(url_name)


def absolute(path: str) -> str:
    return _site() + path


@functools.cache
def _site() -> str:
    return settings.SITE_URL.rstrip("/")


def api_url(key: str, ident) -> str:
    return absolute(f"/api/v1/{key}/{ident}")


def plain(value):
    """A database value as it appears in JSON and CSV (dates ISO, decimals as text)."""
    if isinstance(value, Decimal):
        return str(value)
    return value
