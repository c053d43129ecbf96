"""The signed-in user's own profile."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.utils.translation import override

from .forms import ProfileForm
from .services import user_update_profile


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
