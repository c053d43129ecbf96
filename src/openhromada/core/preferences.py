"""Accessibility preferences: text size and colour theme, from the profile or a cookie."""

from dataclasses import dataclass

from .models import ProfilePreferences

COOKIE_NAME = "oh_prefs"
COOKIE_MAX_AGE = 365 * 24 * 3600
TEXT_SIZES = [value for value, _label in ProfilePreferences.TextSize.choices]
# The root font size of each text size, in per cent (site.css: html.text-…).
TEXT_PERCENT = {"small": 87.5, "normal": 100, "large": 125, "xlarge": 150}
THEMES = [value for value, _label in ProfilePreferences.Theme.choices]


@dataclass(frozen=True)
class Preferences:
    text_size: str = ProfilePreferences.TextSize.NORMAL
    theme: str = ProfilePreferences.Theme.DEFAULT

    @property
    def text_percent(self) -> float:
        return TEXT_PERCENT[self.text_size]

    @property
    def is_smallest(self) -> bool:
        return self.text_size == TEXT_SIZES[0]

    @property
    def is_largest(self) -> bool:
        return self.text_size == TEXT_SIZES[-1]

    def to_cookie(self) -> str:
        return f"{self.text_size}.{self.theme}"

    def step_text(self, step: int) -> "Preferences":
        """One size smaller (-1), reset (0) or larger (+1)."""
        if step == 0:
            return Preferences(ProfilePreferences.TextSize.NORMAL, self.theme)
        index = TEXT_SIZES.index(self.text_size) + step
        index = max(0, min(len(TEXT_SIZES) - 1, index))
        return Preferences(TEXT_SIZES[index], self.theme)


def from_cookie(value: str | None) -> Preferences:
    """Parse the cookie; anything unknown falls back to the defaults."""
    size, _sep, theme = (value or "").partition(".")
    return Preferences(
        size if size in TEXT_SIZES else ProfilePreferences.TextSize.NORMAL,
        theme if theme in THEMES else ProfilePreferences.Theme.DEFAULT,
    )


def for_request(request) -> Preferences:
    """A signed-in user's profile wins; anonymous visitors keep theirs in a cookie."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return Preferences(user.text_size, user.theme)
    return from_cookie(request.COOKIES.get(COOKIE_NAME))
