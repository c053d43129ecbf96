"""Markdown from people becomes safe HTML: formatting kept, scripts, handlers and dangerous
links never — each hostile input tested against both layers (parser and sanitiser)."""

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from openhromada.core import markdown

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#115;cript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    '<svg onload="alert(1)">',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
    "<!-- <script>alert(1)</script> -->",
    "![x](https://tracker.example/pixel.png)",
]


class _Tags(HTMLParser):
    """Every live element and attribute in the output (escaped text is not an element)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _safe(html: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in markdown.ALLOWED_TAGS, (tag, html)
        assert set(attrs) <= {"href", "title", "rel", "start"}, (attrs, html)
        href = attrs.get("href")
        assert href is None or href.startswith(("http://", "https://", "mailto:")), html


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_neutralised(text):
    _safe(str(markdown.render(text)))


@pytest.mark.parametrize("text", HOSTILE)
def test_the_sanitiser_alone_catches_what_a_permissive_parser_lets_through(text, monkeypatch):
    permissive = MarkdownIt("commonmark", {"html": True}).enable("image")
    monkeypatch.setattr(markdown, "_PARSER", permissive)
    _safe(str(markdown.render(text)))


def test_formatting_and_ordinary_links_are_kept():
    html = str(
        markdown.render(
            "**Рішення** і *примітка*\n\n- один\n- два\n\n[звіт](https://example.org/z.pdf)"
        )
    )
    assert "<strong>Рішення</strong>" in html and "<em>примітка</em>" in html
    assert "<li>один</li>" in html
    assert (
        '<a href="https://example.org/z.pdf" rel="nofollow ugc noopener noreferrer">звіт</a>'
        in html
    )


def test_empty_and_missing_text_render_nothing():
    assert str(markdown.render("")) == "" and str(markdown.render(None)) == ""
