"""Reads for moderation: the public moderation log and the queue of open abuse reports."""

from __future__ import annotations

from openhromada.accounts.models import Role

from ..models import AbuseReport, ModerationEntry


def moderation_log(hromada=None):
    entries = ModerationEntry.objects.select_related("hromada", "proposal", "comment", "moderator")
    if hromada is not None:
        entries = entries.filter(hromada=hromada)
    return entries


def open_reports(user):
    """Open abuse reports a moderator may act on: all for operators, their hromadas' for
    officials."""

    reports = AbuseReport.objects.filter(resolved_at__isnull=True).select_related(
        "proposal", "comment", "hromada", "reporter"
    )
    if user.has_perm("participation.block_everywhere"):
        return reports
    hromadas = user.roles.filter(role=Role.OFFICIAL).values("hromada_id")
    return reports.filter(hromada_id__in=hromadas)
