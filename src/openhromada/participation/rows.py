"""The call page's proposal list, built in Python: fifty entries through template tags cost more
than the queries behind them (see councils.rows). Everything goes through format_html."""

from django.template.defaultfilters import truncatechars
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


def response_badge(proposal) -> SafeString:
    if not proposal.response:
        return format_html('<span class="badge">{}</span>', _("awaiting response"))
    label = ResponseKind(proposal.response).label
    return format_html('<span class="badge badge-{}">{}</span>', proposal.response, label)


def hidden_notice(obj) -> str:
    return _("Hidden by a moderator: %(rule)s.") % {
        "rule": ModerationRule(obj.hidden_reason).label if obj.hidden_reason else "—"
    }


def proposal_rows_html(proposals, supported: set[int]) -> SafeString:
    def row(p):
        if p.is_hidden:
            return HIDDEN_ROW, (f"№ {p.number}. {hidden_notice(p)}",)
        created = timezone.localtime(p.created_at)
        category = format_html(" · {}", p.category.name) if p.category_id else ""
        mine = (
            format_html(" · <strong>{}</strong>", _("you support it")) if p.pk in supported else ""
        )
        return ROW, (
            reverse("participation:proposal", args=[p.pk]),
            f"№ {p.number}. {p.title}",
            p.author.public_name,
            created.isoformat(),
            created.strftime("%d.%m.%Y"),
            category,
            truncatechars(p.problem, 240),
            ngettext("%(n)d support", "%(n)d supports", p.support_count) % {"n": p.support_count},
            ngettext("%(n)d comment", "%(n)d comments", p.comment_count) % {"n": p.comment_count},
            format_html(" · {}{}", response_badge(p), mine),
        )

    def html(p):
        template, args = row(p)
        return (format_html(template, *args),)

    return format_html_join("", "{}", (html(p) for p in proposals))
