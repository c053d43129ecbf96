"""HTML lives in templates: no Python module builds markup from strings (issue 13, item 6)."""

import ast
import re
from pathlib import Path

import openhromada

PACKAGE = Path(openhromada.__file__).parent
# Modules that mark HTML safe which they did not build: rendered and sanitised Markdown, JSON-LD
# (escaped for a <script> element), page sections and Jinja2 fragments (template output).
JOINS_FINISHED_HTML = {
    "core/markdown.py",
    "core/structured.py",
    "core/sections.py",
    "core/templatetags/jinja.py",
}
BUILDERS = {"format_html", "format_html_join", "mark_safe", "SafeString", "SafeText"}
TAGS = (
    "a|abbr|article|blockquote|br|button|code|details|div|em|fieldset|form|h[1-6]|img|input|"
    "label|legend|li|nav|ol|option|p|pre|rect|section|select|small|span|strong|summary|svg|"
    "table|tbody|td|textarea|th|thead|time|tr|ul"
)
# a closing tag, or an opening tag with an attribute (a URL pattern's "<section>" is neither)
MARKUP = re.compile(rf"</(?:{TAGS})>|<(?:{TAGS})\s+[a-z-]+=")


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if "/migrations/" not in name:
            yield name, ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef | ast.FunctionDef))]
    return {
        id(node.body[0].value)
        for node in nodes
        if node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def test_no_module_uses_the_html_builders():
    found = {}
    for name, tree in _modules():
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        used |= {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        if used & BUILDERS and name not in JOINS_FINISHED_HTML:
            found[name] = sorted(used & BUILDERS)
    assert found == {}, "build HTML in a template (a Jinja2 fragment if the list is hot)"


def test_no_module_holds_markup_in_strings():
    found = []
    for name, tree in _modules():
        docstrings = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and MARKUP.search(node.value)
            ):
                found.append(f"{name}:{node.lineno}: {node.value[:60]!r}")
    assert found == [], "build HTML in a template (a Jinja2 fragment if the list is hot)"
