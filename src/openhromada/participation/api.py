"""Co-creation and consultations in the public API: read calls, proposals, consultations and
comments; with a write token, submit, support and comment as a resident, or respond as an
official — the same services and rules as the pages.

One module for every sub-domain: the API is one router over the four datasets, its few write
endpoints all hang on a call or a proposal, and each calls its sub-domain's public services."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from openhromada.core import visibility
from openhromada.core.ratelimit import client_address
from openhromada.core.withholding import active
from openhromada.opendata.base import field_description
from openhromada.opendata.endpoints import dataset_router
from openhromada.opendata.tokens import TokenAuth
from openhromada.opendata.types import PathId, RecordId
from openhromada.plans.models import Commitment

from .calls import services as call_services
from .comments import services as comment_services
from .datasets import CALLS, COMMENTS, CONSULTATIONS, PROPOSALS
from .lifecycle import ResponseKind
from .models import Call, Comment, Proposal

TAG = "Co-creation and consultations"
router = Router()
calls = dataset_router(CALLS, TAG)
proposals = dataset_router(PROPOSALS, TAG)


def _limit(model, name: str) -> int:
    """The length the model allows: one limit for forms, services and the API."""
    return model._meta.get_field(name).max_length


class NewProposal(Schema):
    title: str = Field(
        min_length=1,
        max_length=_limit(Proposal, "title"),
        description=field_description(Proposal, "title"),
    )
    problem: str = Field(
        min_length=1,
        max_length=_limit(Proposal, "problem"),
        description=field_description(Proposal, "problem"),
    )
    solution: str = Field(
        min_length=1,
        max_length=_limit(Proposal, "solution"),
        description=field_description(Proposal, "solution"),
    )
    category: str | None = Field(None, max_length=150, description="One of the call's categories.")


class NewComment(Schema):
    text: str = Field(
        min_length=1,
        max_length=_limit(Comment, "text"),
        description=field_description(Comment, "text"),
    )
    parent_id: RecordId | None = Field(None, description=field_description(Comment, "parent"))


class NewResponse(Schema):
    response: ResponseKind = Field(description=field_description(Proposal, "response"))
    reason: str = Field(
        min_length=1,
        max_length=10000,
        description=field_description(Proposal, "response_reason"),
    )
    commitment_ids: list[RecordId] = Field(
        default_factory=list,
        max_length=50,
        description=field_description(Proposal, "commitments"),
    )
    merged_into_id: RecordId | None = Field(
        None, description=field_description(Proposal, "merged_into")
    )


def _row(dataset, pk):
    return dataset.written_row(pk, active())


def _readable(user, call: Call) -> Call:
    """A call lives in its plan: not found while the plan is a draft (its editors aside)."""
    editor = user.has_perm("participation.change_call", call)
    return visibility.require_readable(call, active(), editor=editor)


def _proposal(request, proposal_id: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related("call__hromada", "call__plan")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404
    _readable(request.auth.user, proposal.call)
    return proposal


@calls.post(
    "/{call_id}/proposals",
    auth=TokenAuth(),
    response={201: PROPOSALS.schema},
    operation_id="submit_proposal",
    summary="Submit a proposal to a call",
    description="A resident with a verified e-mail, while the call is open; rate-limited.",
)
def submit_proposal(request, call_id: PathId, payload: NewProposal):
    call = Call.objects.select_related("plan").filter(pk=call_id).first()
    if call is None:
        raise Http404
    _readable(request.auth.user, call)
    category = None
    if payload.category:
        category = call.categories.filter(name=payload.category).first()
        if category is None:
            raise ValidationError({"category": _("Choose one of this call's categories.")})
    proposal = call_services.proposal_submit(
        actor=request.auth.user,
        call=call,
        title=payload.title,
        problem=payload.problem,
        solution=payload.solution,
        category=category,
        address=client_address(request),
    )
    return Status(201, _row(PROPOSALS, proposal.pk))


@proposals.post(
    "/{proposal_id}/support",
    auth=TokenAuth(),
    response={201: PROPOSALS.schema},
    operation_id="support_proposal",
    summary="Support a proposal",
    description="Once per person, while the call is open; not one's own proposal.",
)
def support_proposal(request, proposal_id: PathId):
    proposal = _proposal(request, proposal_id)
    call_services.proposal_support(
        actor=request.auth.user, proposal=proposal, address=client_address(request)
    )
    return Status(201, _row(PROPOSALS, proposal.pk))


@proposals.delete(
    "/{proposal_id}/support",
    auth=TokenAuth(),
    response={204: None},
    operation_id="unsupport_proposal",
    summary="Take support back",
)
def unsupport_proposal(request, proposal_id: PathId):
    call_services.proposal_unsupport(
        actor=request.auth.user, proposal=_proposal(request, proposal_id)
    )
    return HttpResponse(status=204)


@proposals.post(
    "/{proposal_id}/comments",
    auth=TokenAuth(),
    response={201: COMMENTS.schema},
    operation_id="comment_on_proposal",
    summary="Comment on a proposal (or reply to a comment)",
)
def comment_on_proposal(request, proposal_id: PathId, payload: NewComment):
    proposal = _proposal(request, proposal_id)
    comment = comment_services.comment_post(
        actor=request.auth.user,
        proposal=proposal,
        parent_id=payload.parent_id,
        text=payload.text,
        address=client_address(request),
    )
    return Status(201, _row(COMMENTS, comment.pk))


@proposals.put(
    "/{proposal_id}/response",
    auth=TokenAuth(),
    response=PROPOSALS.schema,
    operation_id="respond_to_proposal",
    summary="Give (or revise) the hromada's reasoned response",
    description="Officials of the hromada and operators. Accepted names the commitments.",
)
def respond_to_proposal(request, proposal_id: PathId, payload: NewResponse):
    proposal = _proposal(request, proposal_id)
    merged_into = None
    if payload.merged_into_id is not None:
        merged_into = Proposal.objects.filter(pk=payload.merged_into_id).first()
        if merged_into is None:
            raise ValidationError({"merged_into_id": _("No such proposal.")})
    commitments = list(Commitment.objects.filter(pk__in=set(payload.commitment_ids)))
    if len(commitments) != len(set(payload.commitment_ids)):
        raise ValidationError({"commitment_ids": _("No such commitment.")})
    call_services.proposal_respond(
        actor=request.auth.user,
        proposal=proposal,
        response=payload.response,
        reason=payload.reason,
        commitments=commitments,
        merged_into=merged_into,
    )
    return Status(200, _row(PROPOSALS, proposal.pk))


router.add_router("/calls", calls)
router.add_router("/proposals", proposals)
router.add_router("/consultations", dataset_router(CONSULTATIONS, TAG))
router.add_router("/participation-comments", dataset_router(COMMENTS, TAG))
