"""Value types of the API's parameters and request bodies: taken only as documented.

Pydantic's lax mode would take `true` or `"55"` or `60.0` for an integer and a Unix timestamp
(even `4.09e-278`) for a date; the API promises integers and ISO 8601, so it takes nothing else.
"""

import datetime as dt
import re
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BeforeValidator, Field, StrictInt
from pydantic_core import PydanticCustomError

MAX_ID = 2**62  # beyond any key; larger numbers would overflow the databases' integers

# ISO 8601 extended format: a calendar date, optionally a time (minutes, seconds, fractions) and
# an offset. Anything else — timestamps, basic format, week dates — is refused.
_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?"
_ISO_DATE = re.compile(rf"{_DATE}")
_ISO_DATETIME = re.compile(rf"{_DATE}(?:{_TIME})?")


def _iso(pattern: re.Pattern):
    def check(value):
        if isinstance(value, str) and pattern.fullmatch(value):
            return value
        raise PydanticCustomError(
            "iso_8601", _("Expected an ISO 8601 date, e.g. 2025-01-31 or 2025-01-31T12:00:00Z.")
        )

    return check


IsoDate = Annotated[dt.date, BeforeValidator(_iso(_ISO_DATE))]
IsoDateTime = Annotated[dt.datetime, BeforeValidator(_iso(_ISO_DATETIME))]
# A record's identifier in a request body: a JSON integer (not a boolean, string or float).
RecordId = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
Percent = Annotated[StrictInt, Field(ge=0, le=100)]


def _whole_number(value):
    """An integer in a path or query string: digits only (Pydantic would take "1.0")."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise PydanticCustomError("whole_number", _("Expected a whole number, e.g. 42."))


# Integers in a URL's path or query string.
WholeNumber = Annotated[int, BeforeValidator(_whole_number)]
PathId = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=MAX_ID)]
