"""Posting a comment, or a reply, on a proposal or on a consultation's section; the threads
themselves are shown by the proposal's and the consultation's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.core.forms import add_service_errors
from openhromada.core.ratelimit import RateLimited, client_address
from openhromada.core.views import form_page

from ..calls.selectors import get_proposal
from ..consultations.selectors import get_consultation
from ..models import Section
from . import services
from .forms import CommentForm


def _post(request, back: str, done: str, context: dict, **target):
    """Post the form's comment on `target` (a proposal or a section), then go `done`; when it is
    refused, the form again with the text typed and the reason (nothing typed is lost)."""
    form = CommentForm(request.POST)
    limited = False
    if form.is_valid():
        try:
            services.comment_post(
                actor=request.user,
                parent_id=form.cleaned_data.get("parent"),
                text=form.cleaned_data["text"],
                address=client_address(request),
                **target,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            limited = isinstance(error, RateLimited)
        else:
            messages.success(request, _("Your comment was published."))
            return redirect(done)
    response = form_page(
        request,
        "participation/form.html",
        {
            **context,
            "form": form,
            "title": _("Your comment was not published"),
            "submit": _("Publish the comment"),
            "back": back,
        },
    )
    if limited:
        response.status_code = 429
    return response


@login_required
@require_POST
def proposal_comment(request, pk):
    proposal = get_proposal(request, pk)
    back = reverse("participation:proposal", args=[pk])
    context = {"call": proposal.call, "hromada": proposal.call.hromada}
    return _post(request, back, back + "#comments", context, proposal=proposal)


@login_required
@require_POST
def section_comment(request, pk, number):
    consultation = get_consultation(pk)
    section = get_object_or_404(Section, consultation=consultation, number=number)
    back = reverse("participation:consultation", args=[pk]) + f"#section-{number}"
    context = {"consultation": consultation, "hromada": consultation.hromada}
    return _post(request, back, back, context, section=section)
