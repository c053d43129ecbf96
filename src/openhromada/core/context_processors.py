"""Template context every page needs: accessibility preferences and the other-language link."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .models import ProfilePreferences
from .preferences import for_request


def preferences(request):
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    alternates = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {
        "prefs": for_request(request),
        "themes": ProfilePreferences.Theme.choices,
        "language_alternates": alternates,
    }
