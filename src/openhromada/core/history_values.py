"""History values as people read them, by the type of their model field: dates as dates in the
reader's language, moments in Kyiv time to the minute, yes or no, choices by their label, links
as links (http and https only), lists as items, files by name, Markdown as plain text and
references to other records by their visible title — never a raw ISO string, JSON or Python
list. A value becomes `Part`s (text, maybe a link or a machine-readable time); templates turn
them into HTML, feeds into text."""

from __future__ import annotations

import ast
import datetime as dt
import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import markdown, visibility

KYIV = ZoneInfo("Europe/Kyiv")
DATE_FORMAT = "j E Y"  # 25 травня 2026, as on every page
MOMENT_FORMAT = "j E Y, H:i"
SAFE_SCHEMES = {"http", "https"}
# A moment written as an ISO string (entries written by hand, fields since removed).
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")
LEGACY_LIST_LIMIT = 20_000  # characters: entries of old kept lists as Python text, never this long
# A history line shows the start of a long text (the API and files keep it whole), so a page or
# feed never grows with what one person typed: characters read before Markdown is stripped,
# characters shown, and items of a list shown.
READ_CHARS = 4_000
SHOWN_CHARS = 600
SHOWN_ITEMS = 50


@dataclass(frozen=True)
class Part:
    """One piece of a shown value: its text, a link when `url` is set (`external` for addresses
    people typed), or a date or moment with its machine-readable form in `when`."""

    text: str
    url: str = ""
    external: bool = False
    when: str = ""

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


Shown = tuple[Part, ...]
NOTHING = "—"


def nothing() -> Shown:
    return (Part(NOTHING),)


def notice(text) -> Shown:
    return (Part(str(text)),)


def show(field, value: Any, references: visibility.References) -> Shown:
    """`value` of `field` (a model field, or None when unknown) as parts to show."""
    if _empty(value):
        return nothing()
    value = _from_python_text(field, value)
    if isinstance(value, list):
        items = [item for item in value if not _empty(item)]
        parts = tuple(_item(item, references) for item in items[:SHOWN_ITEMS])
        if len(items) > SHOWN_ITEMS:
            more = len(items) - SHOWN_ITEMS
            parts += (Part(_("and %(n)s more") % {"n": more}),)
        return parts or nothing()
    return (_one(field, value, references),)


def clip(text: str) -> str:
    """The start of a long text, cut at a word, with an ellipsis."""
    if len(text) <= SHOWN_CHARS:
        return text
    cut = text[:SHOWN_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > SHOWN_CHARS // 2 else cut).rstrip() + "…"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _from_python_text(field, value: Any) -> Any:
    """Entries written before lists were stored as lists hold them as Python text
    ("['a', 'b']", "[{'url': …}]"): read them back (a literal, never code)."""
    if not (isinstance(value, str) and isinstance(field, models.JSONField)):
        return value
    if not value.startswith(("[", "{")) or len(value) > LEGACY_LIST_LIMIT:
        return value
    try:
        parsed = ast.literal_eval(value)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return value
    return parsed if isinstance(parsed, list | dict) else value


def _item(item: Any, references) -> Part:
    if isinstance(item, list):  # a list in a list: its items in one piece of text
        shown = [i for i in item if not _empty(i)][:SHOWN_ITEMS]
        return Part(clip(", ".join(_item(i, references).text for i in shown)))
    return _one(None, item, references)


def _one(field, value: Any, references) -> Part:
    if visibility.is_ref(value):
        return _reference(value, references)
    if isinstance(value, dict):
        return _mapping(value)
    if isinstance(value, bool):
        return Part(_("yes") if value else _("no"))
    if field is not None:
        return _by_field(field, value)
    if isinstance(value, str) and ISO_MOMENT.match(value):
        return moment(value)
    return Part(clip(str(value)))


def _reference(value: dict, references) -> Part:
    title = references.title(value)
    if title is None:
        return Part(str(visibility.NOT_PUBLIC_TEXT))
    return Part(title, url=references.url(value))


def _mapping(value: dict) -> Part:
    if set(value) == {"uk", "en"}:  # a place's or network's name in both languages
        return Part(str(value.get(get_language() or "uk") or value.get("uk") or ""))
    if "url" in value:  # an evidence link: {"url": …, maybe "title": …}
        return link(str(value["url"]), str(value.get("title") or value["url"]))
    return Part(
        clip(", ".join(f"{key}: {item}" for key, item in list(value.items())[:SHOWN_ITEMS]))
    )


def link(url: str, text: str = "") -> Part:
    """An address people typed: a link when it is http or https, else its text only."""
    url = url.strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in SAFE_SCHEMES or any(c.isspace() or ord(c) < 32 for c in url):
        return Part(clip(text or url))
    return Part(clip(text or url), url=url, external=True)


def _by_field(field, value: Any) -> Part:
    if field.choices:
        return Part(str(dict(field.flatchoices).get(value, value)))
    if isinstance(field, models.DateTimeField):  # before DateField: it is one
        return moment(value)
    if isinstance(field, models.DateField):
        return _date(value)
    if isinstance(field, models.TimeField):
        return _time(value)
    if isinstance(field, models.DecimalField):
        return _decimal(value)
    if isinstance(field, models.FileField):
        return Part(posixpath.basename(str(value)))
    if isinstance(field, models.URLField):
        return link(str(value))
    if isinstance(field, models.TextField):
        return Part(clip(markdown.plain(str(value)[:READ_CHARS])))
    return Part(clip(str(value)))


def moment(value: Any) -> Part:
    """A moment (a datetime or its ISO text) in Kyiv time, to the minute."""
    try:
        instant = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return Part(str(value))
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=KYIV)
    local = instant.astimezone(KYIV)
    return Part(formats.date_format(local, MOMENT_FORMAT), when=local.isoformat(timespec="minutes"))


def _date(value: Any) -> Part:
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return Part(str(value))
    return Part(formats.date_format(day, DATE_FORMAT), when=day.isoformat())


def _time(value: Any) -> Part:
    try:
        moment = dt.time.fromisoformat(str(value))
    except ValueError:
        return Part(str(value))
    return Part(formats.time_format(moment, "H:i"), when=moment.isoformat(timespec="minutes"))


def _decimal(value: Any) -> Part:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return Part(str(value))
    return Part(formats.number_format(number, use_l10n=True, force_grouping=True))
