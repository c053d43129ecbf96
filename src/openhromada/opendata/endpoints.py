"""List and detail endpoints for a dataset: filters, keyset cursors, Last-Modified, problems.

Each app's `api.py` builds its router with `dataset_router`, so every public entity is read the
same way: `GET /api/v1/<dataset>?filters&cursor&limit` and `GET /api/v1/<dataset>/<id>`.
(No `from __future__ import annotations` here: Ninja reads the generated annotations.)
"""

import base64
import binascii
import datetime as dt
import json
from typing import Annotated, Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field, StringConstraints, ValidationError, create_model

from openhromada.core.withholding import active

from .base import Dataset
from .problems import BadParameter, ProblemSchema, Withheld
from .types import MAX_ID, IsoDate, IsoDateTime, WholeNumber

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# Text parameters: bounded, and never a NUL byte (PostgreSQL refuses them in strings).
Text = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]
Identifier = Annotated[WholeNumber, Field(ge=0, le=MAX_ID)]
Code = Annotated[str, StringConstraints(max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


def _param_type(kind):
    """The validated type of a parameter: integers and text bounded, dates ISO 8601 only."""
    return {str: Text, int: Identifier, dt.date: IsoDate, dt.datetime: IsoDateTime}.get(kind, kind)


def encode_cursor(value: Any) -> str:
    raw = json.dumps({"after": value}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: type) -> Any:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()))["after"]
        if not isinstance(value, kind) or isinstance(value, bool) or not 0 <= value <= MAX_ID:
            raise TypeError
        return value
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BadParameter(
            "cursor", _("This cursor is not valid; use the “next” link of a previous page.")
        ) from None


def _filters_schema(dataset: Dataset):
    fields: dict[str, Any] = {
        f.name: (_param_type(f.type) | None, Field(None, description=_en(f.description)))
        for f in dataset.filters
    }
    fields["cursor"] = (
        Annotated[str, StringConstraints(max_length=200, pattern=r"^[A-Za-z0-9_-]*$")] | None,
        Field(None, description="Opaque cursor from a previous page's `next`."),
    )
    fields["limit"] = (
        WholeNumber,
        Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT})."),
    )
    return create_model(f"{dataset.schema_name}Query", __base__=Schema, **fields)


def _en(text) -> str:
    with translation.override("en"):
        return str(text)


def _check_known(request, schema) -> None:
    allowed = set(schema.model_fields)
    for name in request.GET:
        if name not in allowed:
            raise BadParameter(
                name,
                _("Unknown parameter “%(name)s”. Allowed: %(allowed)s.")
                % {"name": name[:50], "allowed": ", ".join(sorted(allowed))},
            )


def _json(payload) -> HttpResponse:
    """Rows are built from the dataset's own columns, so they already match the documented
    schema (schemathesis checks it); serialising them directly skips re-validating every row,
    which took a third of a list request's time."""
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False)
    return HttpResponse(body.encode(), content_type="application/json; charset=utf-8")


def _last_modified(response: HttpResponse, rows: list[dict], field: str) -> None:
    stamps = [r[field] for r in rows if r.get(field)]
    if stamps:
        response["Last-Modified"] = http_date(max(stamps).timestamp())


def parse_filters(dataset: Dataset, params) -> dict:
    """Validate a bulk download's query string against the dataset's filters, with the API's
    types and messages; raises BadParameter."""
    schema = _filters_schema(dataset)
    allowed = {f.name for f in dataset.filters}
    for name in params:
        if name not in allowed:
            raise BadParameter(
                name,
                _("Unknown parameter “%(name)s”. Allowed: %(allowed)s.")
                % {"name": name[:50], "allowed": ", ".join(sorted(allowed))},
            )
    try:
        parsed = schema.model_validate({name: params.get(name) for name in params})
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]) if first.get("loc") else ""
        raise BadParameter(name, first.get("msg", "")) from None
    values = parsed.model_dump(exclude={"cursor", "limit"})
    dataset.check(values, active())
    return values


def _lookup_type(dataset: Dataset):
    return Identifier if dataset.lookup_type is int else Code


def dataset_router(dataset: Dataset, tag: str) -> Router:
    """A router with the dataset's list and detail endpoints."""
    router = Router(tags=[tag])
    query_schema = _filters_schema(dataset)
    page_schema = create_model(
        f"{dataset.schema_name}Page",
        items=(list[dataset.schema], ...),
        next=(str | None, Field(None, description="The next page, or null on the last page.")),
        next_cursor=(str | None, Field(None, description="The cursor of the next page.")),
    )

    def list_items(request, filters: Query[query_schema]):
        _check_known(request, query_schema)
        withheld = active()
        values = filters.model_dump(exclude={"cursor", "limit"})
        dataset.check(values, withheld)
        qs = dataset.filtered(dataset.public_queryset(withheld), values)
        if filters.cursor:
            qs = qs.filter(**{f"{dataset.pk}__gt": decode_cursor(filters.cursor, int)})
        rows = list(qs.order_by(dataset.pk)[: filters.limit + 1])
        more = len(rows) > filters.limit
        rows = rows[: filters.limit]
        items = dataset.rows(rows, withheld)
        next_cursor = encode_cursor(rows[-1][dataset.pk]) if more else None
        next_url = None
        if next_cursor:
            params = request.GET.copy()
            params["cursor"] = next_cursor
            next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
        response = _json({"items": items, "next": next_url, "next_cursor": next_cursor})
        if next_url:
            response["Link"] = f'<{next_url}>; rel="next"'
        _last_modified(response, rows, dataset.updated_field)
        return response

    def get_item(request, ident: Path[_lookup_type(dataset)]):
        withheld = active()
        row = dataset.public_queryset(withheld).filter(**{dataset.lookup: ident}).first()
        if row is None:
            if dataset.queryset(withheld).filter(**{dataset.lookup: ident}).exists():
                raise Withheld
            raise Http404
        response = _json(dataset.rows([row], withheld)[0])
        _last_modified(response, [row], dataset.updated_field)
        return response

    list_items.__annotations__["filters"] = Query[query_schema]
    get_item.__annotations__["ident"] = Path[_lookup_type(dataset)]
    # 400, 404 and 429 are documented where they apply by problems.ProblemDocument; 451 (a
    # withheld record) only a dataset's detail can answer
    router.get(
        "",
        response=page_schema,
        operation_id=f"list_{dataset.key.replace('-', '_')}",
        summary=_en(dataset.title),
        description=_en(dataset.description),
        url_name=f"{dataset.key}-list",
    )(list_items)
    router.get(
        "/{ident}",
        response={200: dataset.schema, 451: ProblemSchema},
        operation_id=f"get_{dataset.key.replace('-', '_')}",
        summary=f"One record: {_en(dataset.title).lower()}",
        url_name=f"{dataset.key}-detail",
    )(get_item)
    return router
