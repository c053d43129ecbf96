"""A time machine for the demo loader only: its story (a plan co-created in autumn, approved by
the council in February, reported on as milestones fell due) is written through the services as
it happened, so every date they stamp — history entries, status changes, reports, meetings — is
the story's date, not the day the demo was loaded.

It moves `django.utils.timezone.now`, which the services, `localdate()` and the models'
`auto_now` fields all read, and the fields whose default is that function (bound when their
model was defined, so they are pointed at the moved clock too). The history chain stays valid:
an entry's hash covers the time it was given, whatever that time is. Never used by a request:
the demo loads in one command before serving.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.utils import timezone

_real_now = timezone.now


def _moved_now() -> dt.datetime:
    return timezone.now()


def _point_defaults(fields, to) -> None:
    for field in fields:
        field.default = to
        field.__dict__.pop("_get_default", None)  # Field caches its default's callable


@contextmanager
def travel(when: dt.datetime | dt.date, hour: int = 12) -> Iterator[dt.datetime]:
    """Within the block, "now" is `when` (a date means `hour` o'clock, Kyiv time), each reading a
    microsecond later than the last so that what happens in order stays in order. A time after
    the real now is clamped to it: the demo never writes the future."""
    if not isinstance(when, dt.datetime):
        when = timezone.make_aware(dt.datetime.combine(when, dt.time(hour)))
    start = min(when, _real_now()).astimezone(dt.UTC)  # as timezone.now() gives it
    ticks = itertools.count()
    outer = timezone.now

    def now() -> dt.datetime:
        return start + dt.timedelta(microseconds=next(ticks))

    # `default=timezone.now` fields still on the real clock (none inside an outer travel)
    fields = [
        field
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.default is _real_now
    ]
    timezone.now = now
    _point_defaults(fields, _moved_now)
    try:
        yield start
    finally:
        timezone.now = outer
        _point_defaults(fields, _real_now)
