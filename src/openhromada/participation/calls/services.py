"""Writes to calls for proposals and proposals (with their attachments, supports and the
hromada's reasoned responses): each permission-checked, validated, atomic, rate-limited where
residents write, in the public history, with followers notified after commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core import ratelimit
from openhromada.core.errors import ServiceError
from openhromada.core.history import public_value, record, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.people import RESIDENT
from openhromada.core.services import create_recorded, require, save, update_recorded
from openhromada.core.text import one_line
from openhromada.core.uploads import check_uploads
from openhromada.notifications.services import follow
from openhromada.plans.lifecycle import PlanStatus

from ..lifecycle import LINKS_COMMITMENTS, NEEDS_COMMITMENT, ResponseKind
from ..models import Attachment, Call, Category, Proposal, Support
from ..tasks import notify_response
from ..windows import check_window, close_window, notify_after_commit, schedule_close

MAX_CATEGORIES = 20
MAX_ATTACHMENTS = 5
EDITABLE = ("title", "problem", "solution", "category")  # what a proposal's author edits
RESPONSE_FIELDS = ("response", "response_reason", "merged_into")  # and its `commitments`


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
    # Not core.services.create_recorded: the entry also names the categories, which are rows
    # of their own (saved after the call) recorded under `categories`, not a field of the call.
    names = _set_categories(call, _clean_categories(categories))
    after = {**snapshot(call, Call.HISTORY_FIELDS), "categories": names}
    record(
        actor=actor,
        obj=call,
        action=HistoryAction.CREATE,
        changes={k: [None, v] for k, v in after.items()},
    )
    schedule_close(call)
    return call


@transaction.atomic
def call_update(*, actor, call: Call, categories: Sequence[str] | None = None, **values) -> Call:
    require(actor, "participation.change_call", call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.closed_at is not None:
        raise ServiceError(_("A closed call can no longer be changed."), code="closed")

    def set_categories(call: Call) -> None:
        if categories is not None:
            _set_categories(call, _clean_categories(categories))

    changes = update_recorded(
        actor=actor,
        obj=call,
        values=values,
        check=check_window,
        then=set_categories,
        related=lambda call: {"categories": call_category_names(call)},  # rows of their own
    )
    if "closes_at" in changes:
        schedule_close(call)
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
    return close_window(actor, call, timezone.now(), reason.strip())


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
    create_recorded(actor=actor, obj=proposal)
    _attach(proposal, attachments)  # not a history field; a refused upload undoes it all
    follow(user=actor, obj=proposal)  # the author hears about the response
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, attachments=(), **values) -> Proposal:
    """The author edits the proposal until it has a response."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require(actor, "participation.change_proposal", proposal)
    _check_category(proposal.call, values.get("category"))
    update_recorded(
        actor=actor,
        obj=proposal,
        values={k: v.strip() if isinstance(v, str) else v for k, v in values.items()},
        fields=EDITABLE,
        then=lambda p: _attach(p, attachments),
    )
    return proposal


@transaction.atomic
def proposal_withdraw(*, actor, proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require(actor, "participation.withdraw_proposal", proposal)
    update_recorded(
        actor=actor,
        obj=proposal,
        values={"withdrawn_at": timezone.now()},
        history_fields=("withdrawn_at",),
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
    private), so the entry names no one — not even by an id in the chain. (A counter moved in
    the database, not a saved record: not core.services.update_recorded.)"""
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
    linked = commitments if response in LINKS_COMMITMENTS else []
    values = {
        "response": response,
        "response_reason": reason.strip(),
        "merged_into": merged_into if response == ResponseKind.MERGED else None,
        "responded_at": timezone.now(),
        "responded_by": actor,
        "commitment_ids": sorted(c.pk for c in linked),
    }
    if update_recorded(
        actor=actor,
        obj=proposal,
        values=values,
        history_fields=RESPONSE_FIELDS,
        then=lambda p: p.commitments.set(linked),
        related=_linked_commitments,
    ):
        notify_after_commit(notify_response, proposal.pk)
    return proposal


def _linked_commitments(proposal: Proposal) -> dict:
    """The commitments a response links, in the response's history entry (by reference)."""
    linked = sorted(proposal.commitments.all(), key=lambda c: c.pk)
    return {"commitments": [public_value(c) for c in linked]}
