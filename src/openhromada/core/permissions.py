""" "May they, now?" as one permission per action: who may (the role), when (an open period, a
state) and what (not one's own, visible) are the conditions of one django-rules permission, asked
alike by services (`core.services.require`), templates (`{% has_perm %}`, `perms`) and the API.

Each condition carries what to tell a person it stops: a refusal about *who* is a 403; one about
*when* or *what* is a `ServiceError` with its translated reason ("The call closed on …"), which
pages show as a 400 and the API as an RFC 7807 problem. The reason is found by asking the same
conditions in order, so no view or template works a rule out a second time.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rules
from django.core.exceptions import PermissionDenied

from .errors import ServiceError


@dataclass(frozen=True)
class Condition:
    """One condition of a permission. `reason(user, obj)` is the message when it fails (None for
    a plain 403: the person has no business here); `code` names it for the API."""

    predicate: rules.Predicate
    reason: Callable[[Any, Any], str] | None = None
    code: str = "forbidden"


CONDITIONS: dict[str, tuple[Condition, ...]] = {}


def who(predicate) -> Condition:
    """A condition on the person (role, verified, not blocked): failing it is a 403."""
    return Condition(predicate)


def add(name: str, *conditions: Condition) -> None:
    """Declare permission `name` as all of `conditions`."""
    CONDITIONS[name] = conditions
    predicate = functools.reduce(operator.and_, (c.predicate for c in conditions))
    if rules.perm_exists(name):
        rules.set_perm(name, predicate)
    else:
        rules.add_perm(name, predicate)


def refusal(user, name: str, obj=None) -> Exception:
    """Why `user` may not `name` `obj` now: the first failing condition, as the error to raise."""
    for condition in CONDITIONS.get(name, ()):
        if not condition.predicate.test(user, obj):
            if condition.reason is None:
                return PermissionDenied()
            return ServiceError(condition.reason(user, obj), code=condition.code)
    return PermissionDenied()


def why_not(user, name: str, obj=None) -> str:
    """What to tell `user` who may not `name` `obj` now ("The call closed on …", "You cannot
    support your own proposal"): the reason of the first failing condition, or "" when they
    may, or when the person has no business here (a page then offers signing in, or nothing)."""
    if user.has_perm(name, obj):
        return ""
    error = refusal(user, name, obj)
    return error.messages[0] if isinstance(error, ServiceError) else ""
