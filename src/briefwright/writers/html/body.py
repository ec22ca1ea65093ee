"""Tree nodes to HTML elements: one handler per node class, every text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Protocol

from briefwright.doctree import nodes
from briefwright.errors import Issue, Location, RenderError

# Anchored at the start and free of whitespace and control characters, because browsers strip
# those from URLs and "java\tscript:" would otherwise turn back into a script link.
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s\x00-\x1f\x7f]+", re.IGNORECASE)
_LONG_WORD = re.compile(r"\S{30,}")


def esc(text: str) -> str:
    """Text safe in element content and in quoted attribute values."""
    return escape(text, quote=True)


def _text(text: str) -> str:
    """Escaped text, with break opportunities inside very long words (URLs, identifiers).

    CSS that breaks words anywhere also lets a table squeeze a column letter by letter
    ("Decembe|r"); <wbr> breaks only the long words and leaves ordinary ones whole.
    """
    out, position = [], 0
    for match in _LONG_WORD.finditer(text):
        word = match.group()
        out.append(esc(text[position : match.start()]))
        out.append("<wbr>".join(esc(word[i : i + 20]) for i in range(0, len(word), 20)))
        position = match.end()
    out.append(esc(text[position:]))
    return "".join(out)


def _render(node: object) -> str:
    handler = HANDLERS.get(type(node))
    if handler is None:
        where = Location(line=getattr(node, "line", None) or None)
        message = f"the HTML writer cannot render a {type(node).__name__} node"
        raise RenderError(message, [Issue(message, where)])
    return handler(node)


def _inlines(children: tuple[nodes.Inline, ...]) -> str:
    return "".join(_render(child) for child in children)


def render_blocks(children: tuple[nodes.Block, ...]) -> str:
    """Block nodes as HTML, one element per line."""
    return "\n".join(_render(child) for child in children)


class _WithInlines(Protocol):
    """A node whose children are inlines: Strong, Emphasis, Title, Paragraph..."""

    @property
    def children(self) -> tuple[nodes.Inline, ...]: ...


def _wrap(tag: str, css_class: str = "") -> Callable[[_WithInlines], str]:
    """A handler that puts a node's inline children in one element."""
    attrs = f' class="{css_class}"' if css_class else ""
    return lambda node: f"<{tag}{attrs}>{_inlines(node.children)}</{tag}>"


def _link(node: nodes.Link) -> str:
    if not _SAFE_URL.fullmatch(node.url):
        # The parser never makes such a Link; a hand-built tree still gets only its text.
        return _inlines(node.children)
    href = esc(node.url)
    return f'<a href="{href}" rel="noopener noreferrer">{_inlines(node.children)}</a>'


def _heading(node: nodes.Heading) -> str:
    # The title is the page's h1, so body levels 1..3 become h2..h4.
    tag = f"h{min(max(node.level, 1), 3) + 1}"
    return f"<{tag}>{_inlines(node.children)}</{tag}>"


def _list_item(node: nodes.ListItem) -> str:
    return f"<li>{render_blocks(node.children)}</li>"


def _bullet_list(node: nodes.BulletList) -> str:
    return "<ul>\n" + "\n".join(_render(item) for item in node.items) + "\n</ul>"


def _ordered_list(node: nodes.OrderedList) -> str:
    start = f' start="{int(node.start)}"' if node.start != 1 else ""
    return f"<ol{start}>\n" + "\n".join(_render(item) for item in node.items) + "\n</ol>"


def _quote(node: nodes.Quote) -> str:
    # The attribution sits outside <blockquote>, which by the HTML spec holds only the quote.
    parts = ['<div class="quote">', f"<blockquote>\n{render_blocks(node.children)}\n</blockquote>"]
    if node.attribution:
        parts.append(f'<p class="attribution">— {_inlines(node.attribution)}</p>')
    parts.append("</div>")
    return "\n".join(parts)


def _callout(node: nodes.Callout) -> str:
    kind = re.sub(r"[^a-z0-9-]", "", node.kind.lower()) or "note"
    parts = [f'<div class="callout callout-{kind}" role="note">']
    if node.title:
        parts.append(f'<p class="callout-title">{_inlines(node.title)}</p>')
    parts += [render_blocks(node.children), "</div>"]
    return "\n".join(parts)


# Every table has the "data" look; a timeline also gets its own class for a stylesheet to use.
_TABLE_CLASSES = {"data": "data", "timeline": "data timeline"}


def _table(node: nodes.Table) -> str:
    head = "".join(f'<th scope="col">{_inlines(cell)}</th>' for cell in node.header)
    rows = [
        "<tr>" + "".join(f"<td>{_inlines(cell)}</td>" for cell in row) + "</tr>"
        for row in node.rows
    ]
    opening = [
        f'<table class="{_TABLE_CLASSES[node.kind]}">',
        f"<thead>\n<tr>{head}</tr>\n</thead>",
    ]
    return "\n".join([*opening, "<tbody>", *rows, "</tbody>", "</table>"])


HANDLERS: dict[type, Callable[..., str]] = {
    nodes.Text: lambda node: _text(node.text),
    nodes.Strong: _wrap("strong"),
    nodes.Emphasis: _wrap("em"),
    nodes.Code: lambda node: f"<code>{_text(node.text)}</code>",
    nodes.Link: _link,
    nodes.LineBreak: lambda node: "<br>",
    nodes.Title: _wrap("h1", "title"),
    nodes.Subtitle: _wrap("p", "subtitle"),
    nodes.Heading: _heading,
    nodes.Paragraph: _wrap("p"),
    nodes.MetaLine: _wrap("p", "meta"),
    nodes.BulletList: _bullet_list,
    nodes.OrderedList: _ordered_list,
    nodes.ListItem: _list_item,
    nodes.Quote: _quote,
    nodes.Callout: _callout,
    nodes.Table: _table,
    nodes.ThematicBreak: lambda node: "<hr>",
}
