"""Values of spreadsheet cells read as Ukrainian offices write them: dates as 25.05.2026 (or ISO),
amounts as 1 500 000,50 (or 1500000.50). Each reader returns the value or raises a
ValidationError whose message says how to write it."""

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# Digits in groups of three split by a space of any kind, or not grouped; one decimal separator.
NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?: \d{3})+|\d+)(?:[.,]\d+)?", re.ASCII)
# Excel keeps 15 significant digits: a float past them is arithmetic noise (0.1 + 0.2).
EXCEL_DIGITS = 15


def grouped(number: int) -> str:
    """A count in a message, grouped as the reader's language writes it (20 000, 20,000)."""
    return number_format(number, force_grouping=True)


def shown(value) -> str:
    """A cell's value as quoted back in a message: one line, at most 40 characters."""
    return Truncator(" ".join(str(value).split())).chars(40)


def read_date(value) -> dt.date:
    """A date cell: a real date (XLSX), or text as 25.05.2026 or 2026-05-25."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if match := DOTTED_DATE.fullmatch(text):
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if ISO_DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:  # 31.02.2026: the right shape, but no such day
        pass
    raise ValidationError(
        _("“%(v)s” is not a date: write it as 25.05.2026 or 2026-05-25.") % {"v": shown(value)}
    )


def read_decimal(value) -> Decimal:
    """A number cell: a real number (XLSX), or text with a decimal comma or point and thousands
    split by spaces (ordinary, non-breaking or narrow); always a finite Decimal."""
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _not_a_number(value)
        return Decimal(f"{value:.{EXCEL_DIGITS}g}")
    text = " ".join(str(value).split())  # every kind of space, as one ordinary space
    if not NUMBER.fullmatch(text):
        raise _not_a_number(value)
    try:
        return Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:  # the pattern admits only finite decimals; kept for safety
        raise _not_a_number(value) from None


def read_whole_number(value, low: int, high: int) -> int:
    """A whole number between low and high, written as 3, 3.0 or 3,0."""
    try:
        number = read_decimal(value)
    except ValidationError:
        number = None
    if number is None or number != number.to_integral_value():
        raise ValidationError(_("“%(v)s” is not a whole number.") % {"v": shown(value)})
    if not low <= number <= high:  # compared as Decimal: 10**99999 never becomes an int
        raise ValidationError(
            _("Must be between %(low)d and %(high)d.") % {"low": low, "high": high}
        )
    return int(number)


def _not_a_number(value) -> ValidationError:
    return ValidationError(
        _("“%(v)s” is not a number: write it as 1 500 000,50 or 1500000.50.") % {"v": shown(value)}
    )
