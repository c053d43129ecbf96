"""Comment threads rendered in Python (a page can show fifty comments and their replies; through
template includes they cost several times the page's queries). Text goes through core.markdown
(sanitised); everything else through format_html, so all of it is escaped."""

from __future__ import annotations

from dataclasses import dataclass

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from openhromada.core.markdown import render as markdown

from .lifecycle import CommentOutcome
from .rows import hidden_notice


@dataclass
class Thread:
    """Who is reading and what they may do, worked out once per page."""

    request: object
    action: str  # where a reply is posted
    open: bool
    can_contribute: bool
    can_moderate: bool
    can_outcome: bool = False

    def __post_init__(self):
        self.csrf = get_token(self.request) if self.can_contribute or self.can_moderate else ""
        self.log = reverse("participation:moderation_log")
        self.base = reverse("participation:hide", args=["comment", 0])[: -len("0/hide/")]
        self.labels = {
            "log": _("Moderation log"),
            "restore": _("Show again"),
            "report": _("Report abuse"),
            "hide": _("Hide"),
            "block": _("Block the author"),
            "outcome": _("Outcome"),
            "reply": _("Reply"),
            "your_reply": _("Your reply"),
            "demo": _("demo data"),
        }


def _csrf(thread: Thread) -> SafeString:
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', thread.csrf)


def _hidden(c, thread: Thread) -> SafeString:
    restore = ""
    if thread.can_moderate:
        restore = format_html(
            '<form method="post" action="{}{}/restore/" class="inline-form">{}'
            '<button type="submit" class="link-button">{}</button></form>',
            thread.base,
            c.pk,
            _csrf(thread),
            thread.labels["restore"],
        )
    return format_html(
        '<p class="muted">{} <a href="{}">{}</a></p>{}',
        hidden_notice(c),
        thread.log,
        thread.labels["log"],
        restore,
    )


def _actions(c, thread: Thread) -> SafeString:
    links = []
    if thread.can_contribute:
        links.append((f"{thread.base}{c.pk}/report/", thread.labels["report"]))
    if thread.can_moderate:
        links.append((f"{thread.base}{c.pk}/hide/", thread.labels["hide"]))
        links.append((f"{thread.base}{c.pk}/block/", thread.labels["block"]))
    if thread.can_outcome and c.section_id:
        links.append(
            (reverse("participation:comment_outcome", args=[c.pk]), thread.labels["outcome"])
        )
    if not links:
        return mark_safe("")
    return format_html(
        '<p class="comment-actions">{}</p>',
        mark_safe(
            " · ".join(format_html('<a href="{}">{}</a>', url, label) for url, label in links)
        ),
    )


def _body(c, thread: Thread) -> SafeString:
    created = timezone.localtime(c.created_at)
    demo = (
        format_html(' <span class="badge badge-demo">{}</span>', thread.labels["demo"])
        if c.origin == "demo"
        else ""
    )
    outcome = ""
    if c.outcome:
        outcome = format_html(
            '<p class="notice"><strong>{}</strong>: {}</p>',
            str(CommentOutcome(c.outcome).label).capitalize(),
            c.outcome_reason,
        )
    return format_html(
        '<p class="muted"><strong>{}</strong> · <time datetime="{}">{}</time>{}</p>'
        "<div>{}</div>{}{}",
        c.author.public_name,
        created.isoformat(),
        date_format(created, "j E Y, H:i"),
        demo,
        markdown(c.text),
        outcome,
        _actions(c, thread),
    )


def _reply_form(c, thread: Thread) -> SafeString:
    return format_html(
        '<details><summary>{}</summary><form method="post" action="{}">{}'
        '<input type="hidden" name="parent" value="{}"><p class="field">'
        '<label for="reply-{}">{}</label><textarea id="reply-{}" name="text" rows="3" required>'
        '</textarea></p><p><button type="submit">{}</button></p></form></details>',
        thread.labels["reply"],
        thread.action,
        _csrf(thread),
        c.pk,
        c.pk,
        thread.labels["your_reply"],
        c.pk,
        thread.labels["reply"],
    )


def comment_html(c, thread: Thread, reply: bool = False) -> SafeString:
    inner = _hidden(c, thread) if c.hidden_at is not None else _body(c, thread)
    if not reply:
        replies = format_html_join(
            "",
            '<div class="reply">{}</div>',
            ((comment_html(r, thread, reply=True),) for r in c.replies.all()),
        )
        form = ""
        if thread.can_contribute and thread.open and c.hidden_at is None:
            form = _reply_form(c, thread)
        inner = format_html("{}{}{}", inner, replies, form)
    return format_html('<article class="comment" id="comment-{}">{}</article>', c.pk, inner)


def thread_html(comments, thread: Thread) -> SafeString:
    return format_html_join("", "{}", ((comment_html(c, thread),) for c in comments))
