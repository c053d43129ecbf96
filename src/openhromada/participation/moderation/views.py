"""Reporting abuse, moderating (hide, restore, block) and the public moderation log."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.accounts.models import Role
from openhromada.core import visibility
from openhromada.core.forms import run_service
from openhromada.core.pagecache import public_page_cache
from openhromada.core.ratelimit import client_address
from openhromada.core.text import one_line
from openhromada.core.views import act, form_page
from openhromada.core.withholding import for_request
from openhromada.places.models import Hromada

from ..models import Comment, Proposal
from ..rules import hromada_of
from . import selectors, services
from .forms import AbuseForm, BlockForm, HideForm

KINDS = {"proposal": Proposal, "comment": Comment}
LOG_PAGE_SIZE = 50


def _content(kind: str, pk: int):
    if kind not in KINDS:
        raise Http404
    related = (
        ("call__hromada", "author")
        if kind == "proposal"
        else ("proposal__call__hromada", "section__consultation__hromada", "author")
    )
    return get_object_or_404(KINDS[kind].objects.select_related(*related), pk=pk)


def content_url(obj) -> str:
    if isinstance(obj, Proposal):
        return reverse("participation:proposal", args=[obj.pk])
    if obj.proposal_id:
        return reverse("participation:proposal", args=[obj.proposal_id]) + f"#comment-{obj.pk}"
    section = obj.section
    return (
        reverse("participation:consultation", args=[section.consultation_id]) + f"#comment-{obj.pk}"
    )


def _page(request, form, obj, title, template="participation/moderation_form.html"):
    return form_page(
        request,
        template,
        {
            "form": form,
            "obj": obj,
            "back": content_url(obj),
            "title": title,
            "hromada": hromada_of(obj),
        },
    )


@login_required
def report_abuse(request, kind, pk):
    obj = _content(kind, pk)
    if not request.user.has_perm("participation.report_abuse", obj):
        # what the public may not read is not there to report (nor to learn it exists)
        if not visibility.is_visible(obj, for_request(request)):
            raise Http404
        raise PermissionDenied
    form = AbuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.abuse_report(
                actor=request.user,
                obj=obj,
                rule=data["rule"],
                reason=data["reason"],
                address=client_address(request),
            ),
        ):
            messages.success(request, _("Thank you: moderators will look at your report."))
            return redirect(content_url(obj))
    return _page(request, form, obj, _("Report abuse"))


@login_required
def hide(request, kind, pk):
    obj = _content(kind, pk)
    if not request.user.has_perm("participation.moderate", obj):
        raise PermissionDenied
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rule = form.cleaned_data["rule"]
        if run_service(form, lambda: services.content_hide(actor=request.user, obj=obj, rule=rule)):
            messages.success(request, _("Hidden; the moderation log says why."))
            return redirect(content_url(obj))
    return _page(request, form, obj, _("Hide with a public reason"))


@login_required
@require_POST
def restore(request, kind, pk):
    obj = _content(kind, pk)
    return act(
        request,
        lambda: services.content_restore(actor=request.user, obj=obj),
        content_url(obj),
        _("Shown again."),
    )


@login_required
@require_POST
def dismiss(request, kind, pk):
    obj = _content(kind, pk)
    return act(
        request,
        lambda: services.reports_dismiss(actor=request.user, obj=obj),
        reverse("participation:moderation_queue"),
        _("The reports were closed: the content stays."),
    )


@login_required
def block(request, kind, pk):
    """Block the author of a proposal or comment, in its hromada or everywhere."""
    obj = _content(kind, pk)
    hromada = hromada_of(obj)
    if not request.user.has_perm("participation.moderate", obj):
        raise PermissionDenied
    form = BlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            form,
            lambda: services.user_block(
                actor=request.user,
                user=obj.author,
                hromada=None if data["everywhere"] else hromada,
                rule=data["rule"],
            ),
        ):
            messages.success(request, _("The author can no longer contribute here."))
            return redirect(content_url(obj))
    return _page(request, form, obj, _("Block the author"))


@public_page_cache
def moderation_log(request):
    hromada = None
    if slug := one_line(request.GET.get("hromada", "")):  # PostgreSQL refuses NUL
        hromada = Hromada.objects.filter(slug=slug).first()
    page = Paginator(selectors.moderation_log(hromada), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/moderation_log.html",
        {
            "page": page,
            "hromada": hromada,
            "show_moderator": settings.MODERATION_SHOW_MODERATOR,
            "querystring": f"hromada={hromada.slug}" if hromada else "",
        },
    )


@login_required
def moderation_queue(request):
    if not (
        request.user.has_perm("participation.block_everywhere")
        or request.user.roles.filter(role=Role.OFFICIAL).exists()
    ):
        raise PermissionDenied
    page = Paginator(selectors.open_reports(request.user), LOG_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "participation/moderation_queue.html", {"page": page})
