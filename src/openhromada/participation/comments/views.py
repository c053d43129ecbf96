"""Posting a comment, or a reply, on a proposal or on a consultation's section; the threads
themselves are shown by the proposal's and the consultation's pages."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.core.ratelimit import client_address
from openhromada.core.views import act, refused

from ..calls.selectors import get_proposal
from ..consultations.selectors import get_consultation
from ..models import Section
from . import services
from .forms import CommentForm


def _post(request, back: str, done: str, **target):
    """Post the form's comment on `target` (a proposal or a section), then go `done`."""
    form = CommentForm(request.POST)
    if not form.is_valid():
        return refused(request, ValidationError(_("Write a comment.")), back)
    return act(
        request,
        lambda: services.comment_post(
            actor=request.user,
            parent_id=form.cleaned_data.get("parent"),
            text=form.cleaned_data["text"],
            address=client_address(request),
            **target,
        ),
        done,
        _("Your comment was published."),
    )


@login_required
@require_POST
def proposal_comment(request, pk):
    proposal = get_proposal(request, pk)
    back = reverse("participation:proposal", args=[pk])
    return _post(request, back, back + "#comments", proposal=proposal)


@login_required
@require_POST
def section_comment(request, pk, number):
    consultation = get_consultation(pk)
    section = get_object_or_404(Section, consultation=consultation, number=number)
    back = reverse("participation:consultation", args=[pk]) + f"#section-{number}"
    return _post(request, back, back, section=section)
