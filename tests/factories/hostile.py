"""Hostile text for the tests of cleaning and of every writer: what Word, a broken export or an
attacker puts into a title, and a way to store it as data saved before validation existed."""

from django.db import connection, models
from django.db.models import Value

# Word's manual line break (VT) and page break (FF), other C0 controls (SOH, ESC of a terminal
# colour code, the unit separator), DEL, and bidi overrides/isolates.
CONTROLS = "\x0b\x0c\x01\x1b[31m\x1f\x7f\u202e\u2066\u2069"
# PostgreSQL stores no NUL in text or jsonb at all; on SQLite old rows can hold it.
NUL = "\x00"
INVISIBLE = "\x01\x1b\x1f\x7f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def hostile(text: str = "Ворожий текст") -> str:
    """`text` with every kind of control character in the middle (and NUL where storable)."""
    nul = NUL if connection.vendor != "postgresql" else ""
    half = len(text) // 2
    return f"{text[:half]}{CONTROLS}{nul}{text[half:]}"


def store_raw(obj: models.Model, **values) -> None:
    """Write `values` straight into `obj`'s row, past every model field's cleaning, as old data."""
    raw = {name: Value(value, output_field=models.TextField()) for name, value in values.items()}
    type(obj).objects.filter(pk=obj.pk).update(**raw)
    obj.refresh_from_db()


def has_control(text: str) -> bool:
    """Any character no XML 1.0 document may hold, or a bidi override/isolate."""
    return any((ord(c) < 0x20 and c not in "\t\n\r") or c in INVISIBLE or c == "\x7f" for c in text)
