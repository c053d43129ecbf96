"""Reads about a user's roles for the pages built on them (the role homes)."""

from __future__ import annotations

from .models import Role, RoleAssignment


def hromadas_where(user, role: str = Role.OFFICIAL):
    """Ids of the hromadas where the user holds `role`, as a subquery (no query of its own)."""
    return RoleAssignment.objects.filter(user=user, role=role).values("hromada_id")
