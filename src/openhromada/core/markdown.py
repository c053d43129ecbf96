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


def plain(text: str) -> str:
    """`text` written in Markdown as plain text, for places that show text rather than HTML (the
    public history, feeds): its words without the markup, a line per paragraph or list item
    (items keep their number or get a bullet), a link's address after its words."""
    return _plain(text or "")


@functools.lru_cache(maxsize=4096)
def _plain(text: str) -> str:
    lines, marker = [], ""
    for token in _PARSER.parse(text):
        if token.type == "list_item_open":
            marker = f"{token.info}{token.markup} " if token.info else "• "
        elif token.type == "inline":
            lines.append(marker + _inline_text(token.children or []))
            marker = ""
        elif token.type in ("fence", "code_block"):
            lines.append(token.content.rstrip("\n"))
    return "\n".join(line for line in lines if line.strip())


def _inline_text(children) -> str:
    out, href, start = [], "", 0
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "link_open":
            href, start = str(child.attrs.get("href", "")), len(out)
        elif child.type == "link_close":
            if href and "".join(out[start:]).strip() != href:
                out.append(f" ({href})")
            href = ""
    return "".join(out)
