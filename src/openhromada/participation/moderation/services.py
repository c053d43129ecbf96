"""Moderation in the open: reports of abuse, hiding content under a public rule, blocking users.
Every action goes to the public moderation log."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core import ratelimit, visibility
from openhromada.core.errors import ServiceError
from openhromada.core.services import require, save, update_recorded

from ..lifecycle import ModerationAction, ModerationRule
from ..models import AbuseReport, Block, Comment, ModerationEntry, Proposal
from ..rules import hromada_of

MAX_REASON = 2000


def _rule(rule: str) -> str:
    if rule not in ModerationRule.values:
        raise ServiceError({"rule": _("Choose the rule that was broken.")})
    return rule


def _target(obj) -> dict:
    if isinstance(obj, Proposal):
        return {"proposal": obj}
    if isinstance(obj, Comment):
        return {"comment": obj}
    raise TypeError(obj)


@transaction.atomic
def abuse_report(
    *, actor, obj: Proposal | Comment, rule: str, reason: str, address: str | None = None
) -> AbuseReport:
    require(actor, "participation.report_abuse", obj)
    _rule(rule)
    reason = reason.strip()
    if not reason:
        raise ServiceError({"reason": _("Say what is wrong.")})
    if len(reason) > MAX_REASON:
        raise ServiceError({"reason": _("At most %(n)d characters.") % {"n": MAX_REASON}})
    ratelimit.check("abuse_report", user=actor, address=address)
    report = AbuseReport(
        hromada=hromada_of(obj), reporter=actor, rule=rule, reason=reason, **_target(obj)
    )
    save(report)
    return report


def _set_hidden(actor, obj: Proposal | Comment, when, rule: str) -> None:
    """Hide or show again; the history says under which rule (never the hidden text)."""
    update_recorded(
        actor=actor,
        obj=obj,
        values={"hidden_at": when, "hidden_reason": rule},
        history_fields=("hidden_reason",),
    )


def _log(actor, action: str, rule: str, hromada, subject, **target) -> ModerationEntry:
    return ModerationEntry.objects.create(
        hromada=hromada,
        action=action,
        rule=rule,
        subject_name=subject.public_name[:100],
        moderator=actor,
        **target,
    )


@transaction.atomic
def content_hide(*, actor, obj: Proposal | Comment, rule: str) -> ModerationEntry:
    """Hide a proposal or comment; its place shows a notice with the rule, not the content."""
    require(actor, "participation.moderate", obj)
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    _rule(rule)
    if obj.is_hidden:
        raise ServiceError(_("This is already hidden."), code="hidden")
    _set_hidden(actor, obj, timezone.now(), rule)
    AbuseReport.objects.filter(resolved_at__isnull=True, **_target(obj)).update(
        resolved_at=timezone.now()
    )
    visibility.announce_publicity_change()
    return _log(actor, ModerationAction.HIDE, rule, hromada_of(obj), obj.author, **_target(obj))


@transaction.atomic
def content_restore(*, actor, obj: Proposal | Comment) -> ModerationEntry:
    require(actor, "participation.moderate", obj)
    obj = type(obj).objects.select_for_update().get(pk=obj.pk)
    if not obj.is_hidden:
        raise ServiceError(_("This is not hidden."), code="not_hidden")
    rule = obj.hidden_reason
    _set_hidden(actor, obj, None, "")
    visibility.announce_publicity_change()
    return _log(actor, ModerationAction.RESTORE, rule, hromada_of(obj), obj.author, **_target(obj))


@transaction.atomic
def reports_dismiss(*, actor, obj: Proposal | Comment) -> int:
    """The content breaks no rule: close the open reports about it."""
    require(actor, "participation.moderate", obj)
    return AbuseReport.objects.filter(resolved_at__isnull=True, **_target(obj)).update(
        resolved_at=timezone.now()
    )


@transaction.atomic
def user_block(*, actor, user, hromada=None, rule: str) -> Block:
    """Bar a user from contributing in one hromada, or (operators only) everywhere."""
    if hromada is None:
        require(actor, "participation.block_everywhere", None)
    else:
        require(actor, "participation.moderate", hromada)
    _rule(rule)
    if user.pk == actor.pk:
        raise ServiceError(_("You cannot block yourself."), code="self")
    if Block.objects.filter(user=user, hromada=hromada, lifted_at__isnull=True).exists():
        raise ServiceError(_("This user is already blocked here."), code="twice")
    block = Block.objects.create(user=user, hromada=hromada, rule=rule)
    _log(actor, ModerationAction.BLOCK, rule, hromada, user)
    return block


@transaction.atomic
def user_unblock(*, actor, block: Block) -> Block:
    if block.hromada_id is None:
        require(actor, "participation.block_everywhere", None)
    else:
        require(actor, "participation.moderate", block.hromada)
    if block.lifted_at is not None:
        raise ServiceError(_("This block was already lifted."), code="lifted")
    block.lifted_at = timezone.now()
    block.save(update_fields=["lifted_at"])
    user = get_user_model().objects.get(pk=block.user_id)
    _log(actor, ModerationAction.UNBLOCK, block.rule, block.hromada, user)
    return block
