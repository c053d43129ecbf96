"""What calls and consultations share as open periods (`models.Window`): the check of their
dates, which are open or ended now, recording a close (early, or on the end date by the task),
and queueing the followers' notifications once the write commits."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.errors import ServiceError
from openhromada.core.services import update_recorded

from . import tasks

CLOSE_FIELDS = ("closed_at", "closed_reason")


def check_window(window) -> None:
    if window.opens_at and window.closes_at and window.closes_at <= window.opens_at:
        raise ServiceError({"closes_at": _("The period must end after it opens.")})


def open_filter(now) -> Q:
    """Open at `now`: started, not yet at its end date, not closed early."""
    return Q(opens_at__lte=now, closes_at__gt=now, closed_at__isnull=True)


def ended_filter(now) -> Q:
    """Ended by `now`: closed (early or on its end date), or past its end date."""
    return Q(closed_at__isnull=False) | Q(closes_at__lte=now)


def notify_after_commit(task, *args) -> None:
    """Queue a notification task once the write commits (none for a write rolled back)."""
    transaction.on_commit(lambda: task.enqueue(*args))


def schedule_close(window) -> None:
    """Once the write commits, queue the close of a call or consultation for its end date."""
    kind = window._meta.model_name  # "call" or "consultation", as the task names them
    transaction.on_commit(lambda: tasks.schedule_close(kind, window.pk, window.closes_at))


def close_window(actor, window, when, reason: str = ""):
    """Record the close of a call or consultation (the caller holds its row lock) and tell its
    followers."""
    update_recorded(
        actor=actor,
        obj=window,
        values={"closed_at": when, "closed_reason": reason},
        history_fields=CLOSE_FIELDS,
    )
    notify_after_commit(tasks.notify_closed, window._meta.model_name, window.pk)
    return window


@transaction.atomic
def close_if_due(window) -> bool:
    """Record the close of a call or consultation whose end date has passed (run by the task)."""
    window = type(window).objects.select_for_update().get(pk=window.pk)
    if window.closed_at is not None or timezone.now() < window.closes_at:
        return False
    close_window(None, window, window.closes_at)
    return True
