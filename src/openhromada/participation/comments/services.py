"""Writes to comment threads: a comment on a proposal or on a consultation's section, or a reply
(one level deep) — permission-checked, validated, rate-limited, in the public history."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core import ratelimit
from openhromada.core.errors import ServiceError
from openhromada.core.services import create_recorded, require

from ..models import Comment, Proposal, Section

MAX_COMMENT_LENGTH = Comment._meta.get_field("text").max_length


def _comment_target(proposal, section):
    """The thing commented on, read afresh (the caller's copy may be old)."""
    if proposal is not None:
        return Proposal.objects.select_related("call__hromada", "call__plan").get(pk=proposal.pk)
    return Section.objects.select_related("consultation__hromada").get(pk=section.pk)


def _parent(parent_id: int | None, proposal, section) -> Comment | None:
    """The comment replied to, read afresh: on the same proposal or section, top-level and
    visible."""
    if parent_id is None:
        return None
    parent = Comment.objects.filter(pk=parent_id).first()
    if parent is None:
        raise ServiceError({"parent": _("That comment is elsewhere.")})
    if parent.parent_id is not None:
        raise ServiceError({"parent": _("Replies go one level deep: reply to the comment.")})
    if parent.proposal_id != getattr(proposal, "pk", None) or parent.section_id != getattr(
        section, "pk", None
    ):
        raise ServiceError({"parent": _("That comment is elsewhere.")})
    if parent.is_hidden:
        raise ServiceError(_("A hidden comment cannot be replied to."), code="hidden")
    return parent


@transaction.atomic
def comment_post(
    *,
    actor,
    text: str,
    proposal: Proposal | None = None,
    section=None,
    parent_id: int | None = None,
    address: str | None = None,
    origin: str = "real",
) -> Comment:
    if (proposal is None) == (section is None):
        raise ValueError("A comment is on a proposal or on a section")
    target = _comment_target(proposal, section)
    proposal, section = (target, None) if proposal is not None else (None, target)
    require(actor, "participation.comment", target)
    parent = _parent(parent_id, proposal, section)
    text = text.strip()
    if not text:
        raise ServiceError({"text": _("Write a comment.")})
    if len(text) > MAX_COMMENT_LENGTH:
        raise ServiceError({"text": _("At most %(n)d characters.") % {"n": MAX_COMMENT_LENGTH}})
    ratelimit.check("comment", user=actor, address=address)
    comment = Comment(
        proposal=proposal, section=section, parent=parent, author=actor, text=text, origin=origin
    )
    create_recorded(actor=actor, obj=comment)
    if proposal is not None:
        Proposal.objects.filter(pk=proposal.pk).update(
            comment_count=F("comment_count") + 1, updated_at=timezone.now()
        )
    return comment
