"""Errors as RFC 7807 problem details: every API failure names what went wrong, translated."""

from __future__ import annotations

import math
from http.client import responses as reasons

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema

from openhromada.core.ratelimit import RateLimited
from openhromada.core.visibility import WithheldRecord as Withheld  # the record exists, withheld

PROBLEM_TYPE = "about:blank"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemSchema(Schema):
    """RFC 7807 problem details."""

    type: str
    title: str
    status: int
    instance: str
    detail: str | None = None
    errors: list[dict[str, str]] | None = None


class BadParameter(Exception):
    """A query parameter the endpoint does not accept, or a value it cannot use."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter, self.message = parameter, message


def problem(request, status: int, title: str, detail: str = "", **extra) -> JsonResponse:
    body = {"type": PROBLEM_TYPE, "title": title, "status": status, "instance": request.path}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def _validation(request, exc: ValidationError):
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        where = loc[0] if loc else ""
        name = ".".join(p for p in loc[1:] if p not in ("filters", "payload")) or where
        errors.append({"parameter": name, "in": where, "message": error.get("msg", "")})
    names = ", ".join(sorted({e["parameter"] for e in errors}))
    return problem(
        request,
        400,
        _("Invalid request"),
        _("Check these parameters: %(names)s.") % {"names": names},
        errors=errors,
    )


def _bad_parameter(request, exc: BadParameter):
    return problem(
        request,
        400,
        _("Invalid request"),
        exc.message,
        errors=[{"parameter": exc.parameter, "in": "query", "message": exc.message}],
    )


def _service_error(request, exc: DjangoValidationError):
    errors = [
        {"parameter": name, "in": "body", "message": str(message)}
        for name, messages in getattr(exc, "message_dict", {"": exc.messages}).items()
        for message in messages
    ]
    return problem(
        request, 400, _("The change was not saved"), " ".join(exc.messages), errors=errors
    )


def _rate_limited(request, exc: RateLimited):
    response = problem(request, 429, _("Too many requests"), " ".join(exc.messages))
    response["Retry-After"] = "600"
    return response


def _throttled(request, exc: Throttled):
    wait = max(1, math.ceil(exc.wait or 60))
    response = problem(
        request,
        429,
        _("Too many requests"),
        _("Try again in %(seconds)d seconds.") % {"seconds": wait},
    )
    response["Retry-After"] = str(wait)
    return response


def _unauthenticated(request, exc):
    response = problem(
        request,
        401,
        _("Authentication required"),
        _("Send a personal API token: Authorization: Bearer <token>."),
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


def install(api) -> None:
    """Route every error the API can raise to a problem-details response."""
    api.add_exception_handler(ValidationError, _validation)
    api.add_exception_handler(BadParameter, _bad_parameter)
    api.add_exception_handler(DjangoValidationError, _service_error)
    api.add_exception_handler(RateLimited, _rate_limited)
    api.add_exception_handler(Throttled, _throttled)
    api.add_exception_handler(AuthenticationError, _unauthenticated)
    api.add_exception_handler(
        Http404, lambda request, exc: problem(request, 404, _("Not found"), _("No such record."))
    )
    api.add_exception_handler(
        Withheld,
        lambda request, exc: problem(
            request,
            451,
            _("Withheld from publication"),
            _("An operator has withheld this record; the reason is in its public history."),
        ),
    )
    api.add_exception_handler(
        PermissionDenied,
        lambda request, exc: problem(
            request, 403, _("Not allowed"), _("You are not allowed to do this.")
        ),
    )
    api.add_exception_handler(
        HttpError, lambda request, exc: problem(request, exc.status_code, str(exc))
    )


def problem_statuses(operation) -> set[int]:
    """The problems an operation can answer, from what it is: every operation with parameters
    or a body can get them wrong (400), one with an identifier in its path can miss (404), an
    authenticated one can lack a token (401) or the right (403), a throttled one can be
    refused for a while (429)."""
    statuses = set()
    if operation.models:
        statuses.add(400)
    if "{" in operation.path:
        statuses.add(404)
    if operation.auth_callbacks:
        statuses |= {401, 403}
    if operation.throttle_objects:
        statuses.add(429)
    return statuses


class ProblemDocument(OpenAPISchema):
    """The OpenAPI document with every problem each operation can answer, as
    application/problem+json: one place, so no endpoint can forget one."""

    _problem_model = type(
        "ProblemResponse", (Schema,), {"__annotations__": {"response": ProblemSchema}}
    )

    def responses(self, operation):
        result = super().responses(operation)
        for status in problem_statuses(operation) - set(result):
            # the schema is built as Ninja builds the ones endpoints declare themselves
            schema = self._create_schema_from_model(self._problem_model, mode="serialization")[0]
            result[status] = {
                "description": reasons[status],
                "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}},
            }
        for status, response in result.items():
            content = response.get("content", {})
            if int(status) >= 400 and "application/json" in content:
                content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
        return dict(sorted(result.items()))
