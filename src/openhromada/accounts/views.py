"""The signed-in user's own profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from openhromada.core.preferences import (
    COOKIE_MAX_AGE,
    COOKIE_NAME,
    THEMES,
    Preferences,
    for_request,
)

from .forms import ProfileForm
from .services import user_set_preferences, user_update_profile


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = user_update_profile(
            user=request.user, **{name: form.cleaned_data[name] for name in form.fields}
        )
        with override(user.preferred_language):
            messages.success(request, _("Your profile has been saved."))
        # Show the profile in the language just chosen.
        return redirect(translate_url(request.path, user.preferred_language))
    roles = request.user.roles.select_related("hromada", "network")
    return render(request, "accounts/profile.html", {"form": form, "roles": roles})


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@csrf_exempt  # anonymous visitors change only their own cookie; signed-in users are checked below
@require_POST
def set_preferences(request):
    """Change text size or theme without JavaScript; saved to the profile or a cookie."""
    if request.user.is_authenticated:
        rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    current = for_request(request)
    text = request.POST.get("text")
    steps = {"smaller": -1, "reset": 0, "larger": 1}
    if text in steps:
        current = current.step_text(steps[text])
    theme = request.POST.get("theme")
    if theme in THEMES:
        current = Preferences(current.text_size, theme)
    # back to the controls (a little script opens them again: the size is shown there)
    target = _safe_next(request)
    response = HttpResponseRedirect(target if "#" in target else target + "#a11y")
    if request.user.is_authenticated:
        user_set_preferences(user=request.user, text_size=current.text_size, theme=current.theme)
    else:
        response.set_cookie(
            COOKIE_NAME,
            current.to_cookie(),
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response
