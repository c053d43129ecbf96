"""Markdown written by people (minutes, rules, and later comments and proposals) rendered to
safe HTML: markdown-it-py parses CommonMark with raw HTML off, then nh3 (the Ammonia sanitiser)
keeps only a small allow-list of tags and attributes and only http, https and mailto links —
two independent layers, so a gap in one is caught by the other."""

import functools

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener noreferrer"  # links written by people are not endorsements

# Raw HTML is escaped by the parser; images are not rendered (no tracking pixels, no hotlinks).
_PARSER = MarkdownIt("commonmark", {"html": False}).disable("image")


def render(text: str) -> SafeString:
    """Safe HTML for `text` written in Markdown (headings become paragraphs of plain text)."""
    return mark_safe(_render(text or ""))


@functools.lru_cache(maxsize=4096)
def _render(text: str) -> str:
    """Rendering is pure, and a page of fifty comments is read many times: keep recent results
    (at most 4,096 texts per process)."""
    html = _PARSER.render(text)
    return str(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )
