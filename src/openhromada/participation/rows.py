"""The call page's proposal list, built in Python: fifty entries through template tags cost more
than the queries behind them (see councils.rows). Everything goes through format_html."""

import functools

from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .lifecycle import ModerationRule, ResponseKind

ROW = (
    '<li class="card proposal"><h3><a href="{}">{}</a></h3>'
    '<p class="muted">{} · <time datetime="{}">{}</time>{}</p>'
    '<p>{}</p><p class="counts">{} · {}{}</p></li>'
)
HIDDEN_ROW = '<li class="card proposal hidden-content"><p>{}</p></li>'


def response_badge(response: str) -> SafeString:
    if not response:
        return format_html('<span class="badge">{}</span>', _("awaiting response"))
    label = ResponseKind(response).label
    return format_html('<span class="badge badge-{}">{}</span>', response, label)


def hidden_notice(obj) -> str:
    return _("Hidden by a moderator: %(rule)s.") % {
        "rule": ModerationRule(obj.hidden_reason).label if obj.hidden_reason else "—"
    }


def _short(text: str, limit: int = 240) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@functools.lru_cache(maxsize=4096)
def _counts(language: str, supports: int, comments: int) -> str:
    return "{} · {}".format(
        ngettext("%(n)d support", "%(n)d supports", supports) % {"n": supports},
        ngettext("%(n)d comment", "%(n)d comments", comments) % {"n": comments},
    )


def proposal_rows_html(proposals, supported: set[int]) -> SafeString:
    """Labels and the address prefix are worked out once, not per row: reverse, gettext and
    Django's Truncator per row cost more than the page's queries."""
    from django.utils.translation import get_language

    language = get_language()
    prefix = reverse("participation:proposal", args=[0])[: -len("0/")]
    mine = format_html(" · <strong>{}</strong>", _("you support it"))
    badges = {kind: response_badge(kind) for kind in ("", *ResponseKind.values)}

    def html(p):
        if p.hidden_at is not None:
            return format_html(HIDDEN_ROW, f"№ {p.number}. {hidden_notice(p)}")
        created = timezone.localtime(p.created_at)
        counts = _counts(language, p.support_count, p.comment_count)
        supports, _sep, comments = counts.partition(" · ")
        return format_html(
            ROW,
            f"{prefix}{p.pk}/",
            f"№ {p.number}. {p.title}",
            p.author.display_name or p.author.public_name,
            created.isoformat(),
            created.strftime("%d.%m.%Y"),
            format_html(" · {}", p.category.name) if p.category_id else "",
            _short(p.problem),
            supports,
            comments,
            format_html(" · {}{}", badges[p.response], mine if p.pk in supported else ""),
        )

    return format_html_join("", "{}", ((html(p),) for p in proposals))


def unanswered_html(proposals) -> SafeString:
    """The call report's list of proposals still waiting for a response (all of them)."""
    prefix = reverse("participation:proposal", args=[0])[: -len("0/")]
    hidden = _("hidden by a moderator")
    return format_html_join(
        "",
        '<li><a href="{}{}/">№ {}. {}</a> — <time datetime="{}">{}</time></li>',
        (
            (
                prefix,
                pk,
                number,
                hidden if hidden_at else title,
                created.isoformat(),
                timezone.localtime(created).strftime("%d.%m.%Y"),
            )
            for pk, number, title, created, hidden_at in proposals.values_list(
                "pk", "number", "title", "created_at", "hidden_at"
            )
        ),
    )
