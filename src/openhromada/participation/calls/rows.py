"""What a proposal's entry in a list says that its template cannot work out itself: the plural
forms of its counts (Django's makemessages does not find plural forms in a Jinja2 fragment, see
core.jinja) and a summary of its problem; and the moderator's notice the feed shows."""

import functools

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ..lifecycle import ModerationRule

SUMMARY_LENGTH = 240


def hidden_notice(obj) -> str:
    return _("Hidden by a moderator: %(rule)s.") % {
        "rule": ModerationRule(obj.hidden_reason).label if obj.hidden_reason else "—"
    }


def _short(text: str, limit: int = SUMMARY_LENGTH) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@functools.lru_cache(maxsize=4096)
def _counts(language: str, supports: int, comments: int) -> tuple[str, str]:
    return (
        ngettext("%(n)d support", "%(n)d supports", supports) % {"n": supports},
        ngettext("%(n)d comment", "%(n)d comments", comments) % {"n": comments},
    )


def for_list(proposals) -> list:
    """The proposals, each with `supports_label`, `comments_label` and `summary` for
    participation/proposal_rows.html (the labels are kept per language and count: Django's
    Truncator and ngettext per row cost more than the page's queries)."""
    language = get_language()
    proposals = list(proposals)
    for p in proposals:
        p.supports_label, p.comments_label = _counts(language, p.support_count, p.comment_count)
        p.summary = _short(p.problem)
    return proposals
