"""Calls for proposals and proposals: the public pages, residents' forms and officials' answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.core import permissions, visibility
from openhromada.core.forms import run_service
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.ratelimit import client_address
from openhromada.core.services import require
from openhromada.core.uploads import serve
from openhromada.core.views import act, confirm, form_page
from openhromada.core.withholding import for_request
from openhromada.notifications.services import is_following
from openhromada.notifications.views import toggle_follow
from openhromada.opendata.views import list_download
from openhromada.plans.models import ActionPlan

from ..comments.selectors import comments_page
from ..forms import CloseForm
from ..lifecycle import ResponseKind
from ..models import Attachment, Call
from ..structured import call_twins, proposal_twins
from . import rows, selectors, services
from .forms import CallForm, ProposalForm, ResponseForm


def _editable_call(request, pk) -> Call:
    call = selectors.get_call(request, pk)
    if not request.user.has_perm("participation.change_call", call):
        raise PermissionDenied
    return call


# --- calls ---------------------------------------------------------------------------------


@login_required
def call_create(request, hromada_slug, plan_slug):
    plan = get_object_or_404(
        ActionPlan.objects.select_related("hromada"), hromada__slug=hromada_slug, slug=plan_slug
    )
    if not request.user.has_perm("plans.view_actionplan", plan):
        raise Http404  # a draft plan answers alike on every address about it
    if not request.user.has_perm("participation.add_call", plan):
        raise PermissionDenied
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = run_service(
            form, lambda: services.call_create(actor=request.user, plan=plan, **form.values())
        )
        if call is not None:
            messages.success(request, _("The call for proposals is open."))
            return redirect("participation:call", call.pk)
    return form_page(
        request,
        "participation/form.html",
        {"form": form, "hromada": plan.hromada, "plan": plan, "title": _("Open a call")},
    )


@login_required
def call_edit(request, pk):
    call = _editable_call(request, pk)
    initial = {"categories": "\n".join(services.call_category_names(call))}
    form = CallForm(request.POST or None, instance=call, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        saved = run_service(
            form, lambda: services.call_update(actor=request.user, call=call, **values)
        )
        if saved is not None:
            messages.success(request, _("The call was saved."))
            return redirect("participation:call", call.pk)
    return form_page(
        request,
        "participation/form.html",
        {"form": form, "hromada": call.hromada, "call": call, "title": _("Edit the call")},
    )


@login_required
def call_close(request, pk):
    call = _editable_call(request, pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["closed_reason"]
        if run_service(
            form, lambda: services.call_close(actor=request.user, call=call, reason=reason)
        ):
            messages.success(request, _("The call is closed."))
            return redirect("participation:call", call.pk)
    return form_page(
        request,
        "participation/form.html",
        {
            "form": form,
            "hromada": call.hromada,
            "call": call,
            "title": _("Close the call early"),
            "submit": _("Close the call"),
            "back": reverse("participation:call", args=[call.pk]),
            "irreversible": _(
                "Closing cannot be undone: the call takes no more proposals, supports or "
                "comments, and the reason you give is shown on its page."
            ),
        },
    )


@public_page_cache
def call_detail(request, pk):
    call = selectors.get_call(request, pk)
    filters = selectors.ProposalFilters.from_query(request.GET)
    page = selectors.proposals_page(call, filters, request.GET.get("page"))
    supported = selectors.supported_ids(request.user, page.object_list)
    query = {k: v for k, v in vars(filters).items() if v and not (k == "sort" and v == "newest")}
    return render(
        request,
        "participation/call_detail.html",
        {
            "call": call,
            "hromada": call.hromada,
            "categories": list(call.categories.all()),
            "filters": filters,
            "responses": [*ResponseKind.choices, (selectors.NO_RESPONSE, _("no response yet"))],
            "sorts": [
                ("newest", _("newest")),
                ("supported", _("most supported")),
                ("response", _("response status")),
            ],
            "page": page,
            "querystring": urlencode(query),
            "download_url": reverse("participation:call_proposals_csv", args=[call.pk])
            + (f"?{urlencode(query)}" if query else ""),
            "proposals": rows.for_list(page.object_list),
            "supported": supported,
            "response_labels": dict(ResponseKind.choices),
            "counts": selectors.call_counts(call),
            "can_edit": request.user.has_perm("participation.change_call", call),
            "can_contribute": request.user.has_perm("participation.contribute", call),
            "can_submit": request.user.has_perm("participation.submit_proposal", call),
            # the page says why not, from the same conditions (a closed call, a blocked account)
            "submit_refusal": permissions.why_not(
                request.user, "participation.submit_proposal", call
            ),
            "following": is_following(request.user, call),
            "follow_url": reverse("participation:call_follow", args=[call.pk]),
            "recent": recent(
                call, for_request(request), reverse("participation:call_history", args=[call.pk])
            ),
            **call_twins(call),
        },
    )


def call_proposals_csv(request, pk):
    """The proposals the call's page lists for these filters, as the proposals dataset's CSV."""
    call = selectors.get_call(request, pk)
    filters = selectors.ProposalFilters.from_query(request.GET)
    listed = selectors.listed_proposals(call, filters).values("pk")
    return list_download(
        "proposals", lambda qs: qs.filter(pk__in=listed), f"openhromada-proposals-{call.pk}.csv"
    )


@public_page_cache
def call_report(request, pk):
    call = selectors.get_call(request, pk)
    report = selectors.call_report(call)
    return render(
        request,
        "participation/call_report.html",
        {
            "call": call,
            "hromada": call.hromada,
            "report": report,
        },
    )


@public_page_cache
def call_history(request, pk):
    call = selectors.get_call(request, pk)
    return history_page(
        request,
        call,
        title=call.title,
        back=reverse("participation:call", args=[call.pk]),
        editor=request.user.has_perm("participation.change_call", call),  # as its page
        breadcrumbs="participation/_breadcrumbs.html",
        context={"hromada": call.hromada, "call": call},
    )


@login_required
@require_POST
def call_follow(request, pk):

    call = selectors.get_call(request, pk)
    toggle_follow(request, call, _("You follow the call now and will be told when it closes."))
    return redirect("participation:call", call.pk)


# --- proposals -----------------------------------------------------------------------------


@login_required
def proposal_create(request, pk):
    call = selectors.get_call(request, pk)
    if not request.user.has_perm("participation.contribute", call):
        raise PermissionDenied
    form = ProposalForm(request.POST or None, request.FILES or None, call=call)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        proposal = run_service(
            form,
            lambda: services.proposal_submit(
                actor=request.user, call=call, address=client_address(request), **values
            ),
        )
        if proposal is not None:
            messages.success(
                request, _("Your proposal was submitted. You will be told of the response.")
            )
            return redirect("participation:proposal", proposal.pk)
    return form_page(
        request,
        "participation/form.html",
        {
            "form": form,
            "hromada": call.hromada,
            "call": call,
            "multipart": True,
            "title": _("Submit a proposal"),
            "submit": _("Submit the proposal"),
            "back": reverse("participation:call", args=[call.pk]),
            "intro": call.rules,
        },
    )


@login_required
def proposal_edit(request, pk):
    proposal = selectors.get_proposal(request, pk)
    require(request.user, "participation.change_proposal", proposal)  # says why not, or 403
    form = ProposalForm(
        request.POST or None, request.FILES or None, instance=proposal, call=proposal.call
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        saved = run_service(
            form,
            lambda: services.proposal_update(actor=request.user, proposal=proposal, **values),
        )
        if saved is not None:
            messages.success(request, _("Your proposal was saved."))
            return redirect("participation:proposal", proposal.pk)
    return form_page(
        request,
        "participation/form.html",
        {
            "form": form,
            "hromada": proposal.call.hromada,
            "call": proposal.call,
            "multipart": True,
            "title": _("Edit your proposal"),
        },
    )


@login_required
def proposal_withdraw(request, pk):
    """Withdrawing cannot be undone: the button leads here, where the page says so and asks."""
    proposal = selectors.get_proposal(request, pk)
    back = reverse("participation:proposal", args=[pk])
    if request.method != "POST":
        require(request.user, "participation.withdraw_proposal", proposal)  # says why not
        return confirm(
            request,
            title=_("Withdraw the proposal?"),
            subject=proposal.title,
            explanation=_(
                "Withdrawing cannot be undone: the proposal stays on its page marked as "
                "withdrawn, with its supports and comments, and takes no more of them. The "
                "hromada does not respond to a withdrawn proposal."
            ),
            button=_("Withdraw the proposal"),
            back=back,
            breadcrumbs="participation/_breadcrumbs.html",
            context={"proposal": proposal, "call": proposal.call, "hromada": proposal.call.hromada},
        )
    return act(
        request,
        lambda: services.proposal_withdraw(actor=request.user, proposal=proposal),
        back,
        _("Your proposal was withdrawn."),
    )


@login_required
@require_POST
def proposal_support(request, pk):
    proposal = selectors.get_proposal(request, pk)
    back = request.POST.get("next", "")
    if not back.startswith("/") or not url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        back = reverse("participation:proposal", args=[pk])
    if request.POST.get("action") == "unsupport":
        return act(
            request,
            lambda: services.proposal_unsupport(actor=request.user, proposal=proposal),
            back,
            _("You no longer support this proposal."),
        )
    return act(
        request,
        lambda: services.proposal_support(
            actor=request.user, proposal=proposal, address=client_address(request)
        ),
        back,
        _("You support this proposal."),
    )


@login_required
@require_POST
def proposal_follow(request, pk):

    proposal = selectors.get_proposal(request, pk)
    toggle_follow(request, proposal, _("You follow the proposal and will be told of the response."))
    return redirect("participation:proposal", pk)


@login_required
def proposal_respond(request, pk):
    proposal = selectors.get_proposal(request, pk)
    if not request.user.has_perm("participation.respond", proposal):
        raise PermissionDenied
    initial = {
        "response": proposal.response,
        "response_reason": proposal.response_reason,
        "commitments": list(proposal.commitments.all()),
        "merged_into": proposal.merged_into,
    }
    form = ResponseForm(request.POST or None, initial=initial, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.proposal_respond(
                actor=request.user,
                proposal=proposal,
                response=data["response"],
                reason=data["response_reason"],
                commitments=data["commitments"],
                merged_into=data["merged_into"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The response was published."))
            return redirect("participation:proposal", pk)
    return form_page(
        request,
        "participation/respond.html",
        {
            "form": form,
            "proposal": proposal,
            "hromada": proposal.call.hromada,
            "call": proposal.call,
            "title": _("Respond to the proposal"),
        },
    )


@public_page_cache
def proposal_detail(request, pk):
    proposal = selectors.get_proposal(request, pk)
    user = request.user
    # a hidden proposal's comments live in it: not public either (core.visibility)
    comments = None
    if not proposal.is_hidden:
        comments = comments_page({"proposal": proposal}, request.GET.get("page"))
    context = _proposal_context(request, proposal)
    return render(
        request,
        "participation/proposal_detail.html",
        {
            **context,
            "comments": comments,
            "supported": bool(selectors.supported_ids(user, [proposal])),
            "following": is_following(user, proposal),
            "follow_url": reverse("participation:proposal_follow", args=[pk]),
            **proposal_twins(proposal),
        },
    )


@public_page_cache
def proposal_history(request, pk):
    proposal = selectors.get_proposal(request, pk)
    if proposal.is_hidden:
        raise Http404  # its page shows the notice only; nothing of its history is public
    call = proposal.call
    return history_page(
        request,
        proposal,
        title=proposal.title,
        back=reverse("participation:proposal", args=[pk]),
        editor=request.user.has_perm("participation.change_call", call),  # as its page
        breadcrumbs="participation/_breadcrumbs.html",
        context={"hromada": call.hromada, "call": call},
    )


def _proposal_context(request, proposal) -> dict:
    user = request.user
    return {
        "proposal": proposal,
        "call": proposal.call,
        "hromada": proposal.call.hromada,
        "commitments": [
            c
            for c in proposal.commitments.select_related("plan__hromada")
            if visibility.is_visible(c, for_request(request))
        ],
        "attachments": list(proposal.attachments.all()),
        # a hidden proposal shows its notice, not its history (its history page answers 404)
        "recent": None
        if proposal.is_hidden
        else recent(
            proposal,
            for_request(request),
            reverse("participation:proposal_history", args=[proposal.pk]),
        ),
        "can_edit": user.has_perm("participation.change_proposal", proposal),
        "can_respond": user.has_perm("participation.respond", proposal),
        "can_contribute": user.has_perm("participation.contribute", proposal),
        "can_support": user.has_perm("participation.support_proposal", proposal),
        "can_unsupport": user.has_perm("participation.unsupport_proposal", proposal),
        "can_comment": user.has_perm("participation.comment", proposal),
        # the page says why not, from the same conditions (a closed call, one's own proposal)
        "support_refusal": permissions.why_not(user, "participation.support_proposal", proposal),
        "comment_refusal": permissions.why_not(user, "participation.comment", proposal),
        "can_moderate": user.has_perm("participation.moderate", proposal),
    }


def attachment(request, pk):
    """A proposal's attachment, served as far as the reader may see the proposal's call (a draft
    or withheld plan keeps it in), never for hidden content."""
    item = get_object_or_404(Attachment.objects.select_related("proposal__call__plan"), pk=pk)
    selectors.require_readable_call(request, item.proposal.call)
    if item.proposal.is_hidden:
        raise Http404
    return serve(item.file)
