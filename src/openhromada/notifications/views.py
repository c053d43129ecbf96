"""A user's own notifications."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .services import follow, mark_all_read, unfollow


@login_required
def inbox(request):
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def read_all(request):
    count = mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext("%(n)d notification marked as read.", "%(n)d notifications marked as read.", count)
        % {"n": count},
    )
    return redirect("notifications:inbox")


def toggle_follow(request, target, followed_message) -> None:
    """Follow or stop following `target` as the POST asks, telling the user what happened; the
    pages of plans, commitments and councils share it."""
    if request.POST.get("action") == "unfollow":
        unfollow(user=request.user, obj=target)
        messages.success(request, _("You no longer follow this."))
        return
    try:
        follow(user=request.user, obj=target)
    except PermissionDenied:
        messages.error(request, _("Confirm your e-mail address to follow."))
    else:
        messages.success(request, followed_message)
