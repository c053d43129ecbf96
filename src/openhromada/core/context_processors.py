"""Template context every page needs: accessibility preferences and the other-language link."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from .models import ProfilePreferences
from .preferences import for_request


def preferences(request):
    current = translation.get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    site = settings.SITE_URL.rstrip("/")
    alternates = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        alternates.append(
            {
                "code": code,
                "name": name,
                "url": url,  # the language menu's link
                "absolute_url": site + url,  # hreflang links in the head must be absolute
                "current": code == current,
            }
        )
    return {
        "prefs": for_request(request),
        "themes": ProfilePreferences.Theme.choices,
        "language_alternates": alternates,
        "LANGUAGE_DEFAULT": settings.LANGUAGE_CODE,
    }
