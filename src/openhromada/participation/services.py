"""Writes to calls for proposals and proposals: each permission-checked, validated, atomic,
rate-limited where residents write, in the public history, with followers notified after commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core import ratelimit
from openhromada.core.errors import ServiceError
from openhromada.core.history import diff, public_value, record, record_create, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.people import RESIDENT
from openhromada.core.services import require, save
from openhromada.core.text import one_line
from openhromada.core.uploads import check_uploads
from openhromada.notifications.services import follow
from openhromada.plans.lifecycle import PlanStatus

from .lifecycle import LINKS_COMMITMENTS, NEEDS_COMMITMENT, ResponseKind
from .models import Attachment, Call, Category, Comment, Proposal, Section, Support

MAX_CATEGORIES = 20
MAX_ATTACHMENTS = 5
MAX_COMMENT_LENGTH = 5000


def check_window(window) -> None:
    if window.opens_at and window.closes_at and window.closes_at <= window.opens_at:
        raise ServiceError({"closes_at": _("The period must end after it opens.")})


def _after_commit(task, *args) -> None:
    transaction.on_commit(lambda: task.enqueue(*args))


# --- calls ---------------------------------------------------------------------------------


def _clean_categories(names: Iterable[str]) -> list[str]:
    seen, result = set(), []
    for name in (one_line(n) for n in names):  # cleaned before comparing, as they are stored
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name[:150])
    if len(result) > MAX_CATEGORIES:
        raise ServiceError({"categories": _("At most %(n)d categories.") % {"n": MAX_CATEGORIES}})
    return result


def _set_categories(call: Call, names: list[str]) -> list[str]:
    """Keep categories proposals use (a category in use can't be removed), add the new ones."""
    existing = {c.name: c for c in call.categories.all()}
    for position, name in enumerate(names):
        category = existing.pop(name, None) or Category(call=call, name=name)
        category.position = position
        category.save()
    used = [c.name for c in existing.values() if c.proposals.exists()]
    if used:
        raise ServiceError(
            {
                "categories": _("Proposals use these categories, so they stay: %(names)s.")
                % {"names": ", ".join(used)}
            }
        )
    Category.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()
    call.category_names = [c.name for c in call.categories.all()]
    Call.objects.filter(pk=call.pk).update(category_names=call.category_names)
    return call.category_names


def _schedule_close(call: Call) -> None:
    from .tasks import schedule_close  # noqa: PLC0415 - the tasks call these services

    transaction.on_commit(lambda: schedule_close("call", call.pk, call.closes_at))


@transaction.atomic
def call_create(
    *, actor, plan, categories: Sequence[str] = (), origin: str = "real", **values
) -> Call:
    """Open a call for proposals for a plan in its co-creation phase."""
    require(actor, "participation.add_call", plan)
    if plan.status != PlanStatus.CO_CREATION:
        raise ServiceError(
            _("Calls for proposals are opened for a plan in its co-creation phase."),
            code="plan_state",
        )
    call = Call(plan=plan, hromada_id=plan.hromada_id, origin=origin, **values)
    check_window(call)
    save(call)
    names = _set_categories(call, _clean_categories(categories))
    after = {**snapshot(call, Call.HISTORY_FIELDS), "categories": names}
    record(
        actor=actor,
        obj=call,
        action=HistoryAction.CREATE,
        changes={k: [None, v] for k, v in after.items()},
    )
    _schedule_close(call)
    return call


@transaction.atomic
def call_update(*, actor, call: Call, categories: Sequence[str] | None = None, **values) -> Call:
    require(actor, "participation.change_call", call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.closed_at is not None:
        raise ServiceError(_("A closed call can no longer be changed."), code="closed")
    before = {**snapshot(call, Call.HISTORY_FIELDS), "categories": call_category_names(call)}
    for name, value in values.items():
        setattr(call, name, value)
    check_window(call)
    save(call)
    if categories is not None:
        _set_categories(call, _clean_categories(categories))
    after = {**snapshot(call, Call.HISTORY_FIELDS), "categories": call_category_names(call)}
    if changes := diff(before, after):
        record(actor=actor, obj=call, action=HistoryAction.UPDATE, changes=changes)
        if "closes_at" in changes:
            _schedule_close(call)
    return call


def call_category_names(call: Call) -> list[str]:
    return list(call.categories.values_list("name", flat=True))


@transaction.atomic
def call_close(*, actor, call: Call, reason: str) -> Call:
    """Close a call before its end date, saying why."""
    require(actor, "participation.change_call", call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.has_ended:
        raise ServiceError(_("This call has already closed."), code="closed")
    if not reason.strip():
        raise ServiceError({"closed_reason": _("Say why the call closes early.")})
    return _close(actor, call, timezone.now(), reason.strip())


def _close(actor, window, when, reason: str = ""):
    before = snapshot(window, ("closed_at", "closed_reason"))
    window.closed_at, window.closed_reason = when, reason
    save(window)
    changes = diff(before, snapshot(window, ("closed_at", "closed_reason")))
    record(actor=actor, obj=window, action=HistoryAction.UPDATE, changes=changes)
    from .tasks import notify_closed  # noqa: PLC0415 - the tasks call these services

    _after_commit(notify_closed, window._meta.model_name, window.pk)
    return window


@transaction.atomic
def close_if_due(window) -> bool:
    """Record the close of a call or consultation whose end date has passed (run by the task)."""
    window = type(window).objects.select_for_update().get(pk=window.pk)
    if window.closed_at is not None or timezone.now() < window.closes_at:
        return False
    _close(None, window, window.closes_at)
    return True


# --- proposals -----------------------------------------------------------------------------


def _check_category(call: Call, category) -> None:
    if category is not None and category.call_id != call.pk:
        raise ServiceError({"category": _("Choose one of this call's categories.")})


def _attach(proposal: Proposal, files) -> None:
    files = [f for f in files or () if f]
    if not files:
        return
    if proposal.attachments.count() + len(files) > MAX_ATTACHMENTS:
        raise ServiceError(
            {"attachments": _("At most %(n)d attachments.") % {"n": MAX_ATTACHMENTS}}
        )
    check_uploads(files, "attachments")
    for upload in files:
        Attachment.objects.create(proposal=proposal, file=upload, name=upload.name[:200])


@transaction.atomic
def proposal_submit(
    *,
    actor,
    call: Call,
    title: str,
    problem: str,
    solution: str,
    category=None,
    attachments=(),
    address: str | None = None,
    origin: str = "real",
) -> Proposal:
    call = Call.objects.select_for_update().select_related("plan").get(pk=call.pk)
    require(actor, "participation.submit_proposal", call)
    _check_category(call, category)
    ratelimit.check("proposal", user=actor, address=address)
    number = (call.proposals.aggregate(n=Max("number"))["n"] or 0) + 1
    proposal = Proposal(
        call=call,
        number=number,
        author=actor,
        title=title.strip(),
        problem=problem.strip(),
        solution=solution.strip(),
        category=category,
        origin=origin,
    )
    save(proposal)
    _attach(proposal, attachments)
    record_create(actor=actor, obj=proposal, fields=Proposal.HISTORY_FIELDS)
    follow(user=actor, obj=proposal)  # the author hears about the response
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, attachments=(), **values) -> Proposal:
    """The author edits the proposal until it has a response."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require(actor, "participation.change_proposal", proposal)
    _check_category(proposal.call, values.get("category"))
    before = snapshot(proposal, Proposal.HISTORY_FIELDS)
    for name in ("title", "problem", "solution", "category"):
        if name in values:
            value = values[name]
            setattr(proposal, name, value.strip() if isinstance(value, str) else value)
    save(proposal)
    _attach(proposal, attachments)
    if changes := diff(before, snapshot(proposal, Proposal.HISTORY_FIELDS)):
        record(actor=actor, obj=proposal, action=HistoryAction.UPDATE, changes=changes)
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require(actor, "participation.withdraw_proposal", proposal)
    proposal.withdrawn_at = timezone.now()
    save(proposal)
    record(
        actor=actor,
        obj=proposal,
        action=HistoryAction.UPDATE,
        changes={"withdrawn_at": [None, proposal.withdrawn_at.isoformat()]},
    )
    return proposal


@transaction.atomic
def proposal_support(*, actor, proposal: Proposal, address: str | None = None) -> Support:
    proposal = Proposal.objects.select_for_update().select_related("call__plan").get(pk=proposal.pk)
    require(actor, "participation.support_proposal", proposal)
    if Support.objects.filter(proposal=proposal, user=actor).exists():
        raise ServiceError(_("You already support this proposal."), code="twice")
    ratelimit.check("support", user=actor, address=address)
    support = Support.objects.create(proposal=proposal, user=actor)
    _count_supports(proposal, +1)
    return support


@transaction.atomic
def proposal_unsupport(*, actor, proposal: Proposal) -> None:
    proposal = Proposal.objects.select_for_update().select_related("call__plan").get(pk=proposal.pk)
    require(actor, "participation.unsupport_proposal", proposal)
    deleted, _rows = Support.objects.filter(proposal=proposal, user=actor).delete()
    if not deleted:
        raise ServiceError(_("You do not support this proposal."), code="not_supported")
    _count_supports(proposal, -1)


def _count_supports(proposal: Proposal, step: int) -> None:
    """The count is public and in the history; who supports is not (the Support rows are
    private), so the entry names no one — not even by an id in the chain."""
    old = proposal.support_count
    Proposal.objects.filter(pk=proposal.pk).update(
        support_count=F("support_count") + step, updated_at=timezone.now()
    )
    proposal.support_count = old + step
    record(
        actor=RESIDENT,
        obj=proposal,
        action=HistoryAction.UPDATE,
        changes={"support_count": [old, proposal.support_count]},
    )


def _check_response(proposal: Proposal, response: str, reason: str, commitments, merged_into):
    if response not in ResponseKind.values:
        raise ServiceError({"response": _("Choose a response.")})
    if not reason.strip():
        raise ServiceError({"response_reason": _("Every response needs a written reason.")})
    if response in NEEDS_COMMITMENT and not commitments:
        raise ServiceError(
            {"commitments": _("An accepted proposal names the commitment(s) it became.")}
        )
    if any(c.plan_id != proposal.call.plan_id for c in commitments):
        raise ServiceError({"commitments": _("Choose commitments of this call's plan.")})
    if response == ResponseKind.MERGED:
        if merged_into is None:
            raise ServiceError({"merged_into": _("Name the proposal it was merged into.")})
        if merged_into.call_id != proposal.call_id or merged_into.pk == proposal.pk:
            raise ServiceError({"merged_into": _("Choose another proposal of the same call.")})


@transaction.atomic
def proposal_respond(
    *,
    actor,
    proposal: Proposal,
    response: str,
    reason: str,
    commitments: Iterable = (),
    merged_into: Proposal | None = None,
) -> Proposal:
    """The hromada's reasoned response; it can be revised, and each version is in the history."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require(actor, "participation.respond", proposal)
    if proposal.is_withdrawn:
        raise ServiceError(_("The author withdrew this proposal."), code="withdrawn")
    commitments = list(commitments)
    _check_response(proposal, response, reason, commitments, merged_into)
    before = _response_snapshot(proposal)
    proposal.response, proposal.response_reason = response, reason.strip()
    proposal.merged_into = merged_into if response == ResponseKind.MERGED else None
    proposal.responded_at, proposal.responded_by = timezone.now(), actor
    linked = commitments if response in LINKS_COMMITMENTS else []
    proposal.commitment_ids = sorted(c.pk for c in linked)
    save(proposal)
    proposal.commitments.set(linked)
    if changes := diff(before, _response_snapshot(proposal)):
        record(actor=actor, obj=proposal, action=HistoryAction.UPDATE, changes=changes)
        from .tasks import notify_response  # noqa: PLC0415 - the tasks call these services

        _after_commit(notify_response, proposal.pk)
    return proposal


def _response_snapshot(proposal: Proposal) -> dict:
    values = snapshot(proposal, ("response", "response_reason", "merged_into"))
    linked = sorted(proposal.commitments.all(), key=lambda c: c.pk) if proposal.pk else []
    values["commitments"] = [public_value(c) for c in linked]
    return values


# --- comments ------------------------------------------------------------------------------


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
    save(comment)
    if proposal is not None:
        Proposal.objects.filter(pk=proposal.pk).update(
            comment_count=F("comment_count") + 1, updated_at=timezone.now()
        )
    record_create(actor=actor, obj=comment, fields=Comment.HISTORY_FIELDS)
    return comment
