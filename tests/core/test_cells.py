"""Cell values as Ukrainian offices write them: dates as 25.05.2026, amounts as 1 500 000,50."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from openhromada.core.cells import read_date, read_decimal, read_whole_number


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("25.05.2026", dt.date(2026, 5, 25)),
        ("5.5.2026", dt.date(2026, 5, 5)),
        (" 2026-05-25 ", dt.date(2026, 5, 25)),
        (dt.datetime(2026, 5, 25, 0, 0), dt.date(2026, 5, 25)),
        (dt.date(2026, 5, 25), dt.date(2026, 5, 25)),
    ],
)
def test_dates_read(value, date):
    assert read_date(value) == date


@pytest.mark.parametrize(
    "value",
    ["31.02.2026", "25.05.26", "2026/05/25", "05-25-2026", "сьогодні", 46167, "", "x" * 10**5],
)
def test_what_is_not_a_date_says_how_to_write_one(value):
    with pytest.raises(ValidationError) as refused:
        read_date(value)
    assert "25.05.2026" in refused.value.messages[0]
    assert len(refused.value.messages[0]) < 200  # a long cell is quoted short


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("1 500 000,50", Decimal("1500000.50")),
        ("1\u00a0500\u00a0000,50", Decimal("1500000.50")),
        ("1\u202f500\u202f000,5", Decimal("1500000.5")),
        ("1500000.50", Decimal("1500000.50")),
        ("+12", Decimal("12")),
        ("-3,5", Decimal("-3.5")),
        (1500000, Decimal("1500000")),
        (0.1 + 0.2, Decimal("0.3")),  # as Excel shows it, not the float's noise
    ],
)
def test_amounts_read(value, amount):
    assert read_decimal(value) == amount


@pytest.mark.parametrize(
    "value",
    [
        "inf",
        "-Infinity",
        "NaN",
        "sNaN",
        "1e999999",
        "1E5",
        "1,500,000.50",
        "1.500.000",
        "1 50 000",
        "12,",
        "",
        "²",
        "١٢",
        True,
        float("inf"),
        float("nan"),
    ],
)
def test_what_is_not_a_finite_amount_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        read_decimal(value)
    assert "1 500 000,50" in refused.value.messages[0]


@pytest.mark.parametrize(("value", "number"), [("3", 3), ("3.0", 3), ("3,0", 3), (3, 3), (3.0, 3)])
def test_whole_numbers_read(value, number):
    assert read_whole_number(value, 1, 999) == number


@pytest.mark.parametrize("value", ["3.5", "inf", "1e999999", "NaN", "x", 2.5])
def test_what_is_not_a_whole_number_is_refused(value):
    with pytest.raises(ValidationError):
        read_whole_number(value, 1, 999)


def test_a_whole_number_out_of_range_is_compared_without_building_it():
    with pytest.raises(ValidationError) as refused:
        read_whole_number("9" * 4000, 1, 999)
    assert "1" in refused.value.messages[0] and "999" in refused.value.messages[0]
