"""Page sections other apps contribute (e.g. a hromada's action plans on the hromada page),
so a page's own app never imports the apps that build on it."""

from collections import defaultdict
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_PROVIDERS: dict[str, list[Callable]] = defaultdict(list)


def register(page: str, provider: Callable) -> None:
    """`provider(request, obj)` returns the section's HTML, or "" when it has nothing to show."""
    if provider not in _PROVIDERS[page]:
        _PROVIDERS[page].append(provider)


def render(page: str, request, obj) -> list[SafeString]:
    return [mark_safe(html) for provider in _PROVIDERS[page] if (html := provider(request, obj))]
