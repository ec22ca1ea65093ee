"""Write the tree as portable GitHub-flavoured Markdown.

The marking opens and closes the file, the title is the only H1 (body headings move one level
down), the callout becomes a GFM alert and a quote a block quote with an attribution line. Text is
escaped only where it would otherwise become markup. Before returning, the output is parsed again
and its text compared with the tree's, so an escaping bug is a RenderError, never a wrong file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from markdown_it import MarkdownIt

from briefwright.doctree import nodes
from briefwright.errors import Issue, Location, RenderError
from briefwright.escaping import (
    escape_heading_end,
    escape_line_start,
    escape_text,
    protect_edges,
)
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions

LINK_SCHEMES = ("http://", "https://", "mailto:")
# Where inlines go: a block that may span lines, a single line (heading), or a table cell.
BLOCK, LINE, CELL = "block", "line", "cell"
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>]")
_URL_ESCAPE = re.compile(r"([()\\])")


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """The document as UTF-8 GFM; raises RenderError if the output would not read back."""
    writer = _Writer()
    marking = writer.marking(doc.meta.marking)
    parts = [marking, writer.blocks(doc.children), writer.marking(doc.meta.marking)]
    markdown = "\n\n".join("\n".join(part) for part in parts if part) + "\n"
    check_round_trip(markdown, writer.expected)
    return markdown.encode("utf-8")


class _Writer:
    """Renders nodes to Markdown lines and records the text a reader must get back."""

    def __init__(self) -> None:
        # The text a parser must find in each paragraph, heading or cell, in document order.
        self.expected: list[str] = []

    def marking(self, marking: str) -> list[str]:
        if not marking:
            return []
        self.expected.append(marking)
        return [escape_line_start(f"**{escape_text(marking)}**")]

    def blocks(self, blocks: tuple[nodes.Block, ...], tight: bool = False) -> list[str]:
        """Blocks separated by blank lines (unless tight), each told which block came before."""
        lines: list[str] = []
        previous = None
        for block in blocks:
            lines += [""] if previous and not tight else []
            lines += _HANDLERS[type(block)](self, block, previous)
            previous = block
        return lines

    def inlines(
        self, children: tuple[nodes.Inline, ...], place: str = BLOCK, lead: str = ""
    ) -> str:
        """Inline Markdown for a run of inlines; records its text (after `lead`) for the check."""
        self.expected.append(lead + nodes.plain_text(children))
        return self.render_inlines(children, place)

    def render_inlines(self, children: tuple[nodes.Inline, ...], place: str) -> str:
        parts = []
        for i, child in enumerate(children):
            following = children[i + 1] if i + 1 < len(children) else None
            parts.append(_HANDLERS[type(child)](self, child, (following, place)))
        return "".join(parts)

    def line_of(self, children: tuple[nodes.Inline, ...], lead: str = "") -> list[str]:
        """A paragraph's lines: hard breaks split it, and each line start is made inert."""
        markdown = self.inlines(_trim_breaks(children), BLOCK, lead)
        return [escape_line_start(line) for line in markdown.split("\n")]


def _trim_breaks(children: tuple[nodes.Inline, ...]) -> tuple[nodes.Inline, ...]:
    # A hard break at either end of a paragraph means nothing and cannot be written.
    items = list(children)
    for end in (0, -1):
        while items and items[end] in (nodes.LineBreak(), nodes.Text("")):
            items.pop(end)
    return tuple(items)


# --- inline handlers: (writer, node, (following sibling, place)) -> Markdown ---------------


def _text(w: _Writer, node: nodes.Text, where: tuple) -> str:
    following, _ = where
    return escape_text(node.text, before_link=isinstance(following, nodes.Link))


def _wrapped(delimiter: str) -> Callable:
    def handler(w: _Writer, node: nodes.Strong | nodes.Emphasis, where: tuple) -> str:
        inner = w.render_inlines(node.children, where[1])
        # An empty pair of delimiters would be text (or a thematic break), not markup.
        return f"{delimiter}{protect_edges(inner)}{delimiter}" if inner else ""

    return handler


def _code(w: _Writer, node: nodes.Code, where: tuple) -> str:
    text = node.text.replace("\n", " ")
    if where[1] == CELL:
        text = text.replace("|", "\\|")  # GFM splits cells before it sees code spans
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    padded = text.startswith("`") or text.endswith("`") or (text[:1] == text[-1:] == " ")
    return f"{fence} {text} {fence}" if padded and text.strip() else f"{fence}{text}{fence}"


def _link(w: _Writer, node: nodes.Link, where: tuple) -> str:
    text = w.render_inlines(node.children, where[1])
    if not node.url.lower().startswith(LINK_SCHEMES):
        return text  # the tree contract allows no other scheme; never emit one
    destination = _URL_ESCAPE.sub(r"\\\1", _URL_UNSAFE.sub(_percent, node.url))
    return f"[{text}]({destination})"


def _line_break(w: _Writer, node: nodes.LineBreak, where: tuple) -> str:
    # Headings and table cells are one line, so a break there can only be a space.
    return "\\\n" if where[1] == BLOCK else " "


def _percent(match: re.Match) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


# --- block handlers: (writer, node, previous sibling) -> lines ----------------------------


def _title(w: _Writer, node: nodes.Title, previous: object) -> list[str]:
    return [_heading_line(1, w.inlines(node.children, LINE))]


def _heading(w: _Writer, node: nodes.Heading, previous: object) -> list[str]:
    # The title is the only H1, so body headings move one level down.
    return [_heading_line(node.level + 1, w.inlines(node.children, LINE))]


def _heading_line(level: int, inner: str) -> str:
    return f"{'#' * level} {escape_heading_end(protect_edges(inner))}".rstrip()


def _subtitle(w: _Writer, node: nodes.Subtitle, previous: object) -> list[str]:
    inner = protect_edges(w.inlines(node.children, LINE))
    return [f"*{inner}*"] if inner else []


def _paragraph(w: _Writer, node: nodes.Paragraph | nodes.MetaLine, previous: object) -> list[str]:
    return w.line_of(node.children)


def _bullet_list(w: _Writer, node: nodes.BulletList, previous: object) -> list[str]:
    # Two lists in a row would merge into one unless their markers differ.
    bullet = "*" if isinstance(previous, nodes.BulletList) else "-"
    return _list(w, node.items, [bullet] * len(node.items))


def _ordered_list(w: _Writer, node: nodes.OrderedList, previous: object) -> list[str]:
    delimiter = ")" if isinstance(previous, nodes.OrderedList) else "."
    return _list(w, node.items, [f"{node.start + i}{delimiter}" for i in range(len(node.items))])


def _list(w: _Writer, items: tuple[nodes.ListItem, ...], markers: list[str]) -> list[str]:
    tight = all(_fits_tight(item) for item in items)
    lines: list[str] = []
    for item, marker in zip(items, markers, strict=True):
        body = _list_item(w, item, None, tight=tight)
        if body and body[0] == "---":
            body[0] = "___"  # "- ---" would read as a thematic break, not an item holding one
        indent = " " * (len(marker) + 1)
        lines += [f"{marker} {body[0]}" if body else marker]
        lines += [indent + line if line else "" for line in body[1:]]
        lines += [] if tight else [""]
    return lines if tight else lines[:-1]


def _fits_tight(item: nodes.ListItem) -> bool:
    """A tight item is one paragraph (or none) then only lists: nothing needs a blank line."""
    rest = item.children
    if rest and isinstance(rest[0], nodes.Paragraph):
        rest = rest[1:]
    return all(isinstance(child, nodes.BulletList | nodes.OrderedList) for child in rest)


def _list_item(w: _Writer, node: nodes.ListItem, previous: object, tight=False) -> list[str]:
    return w.blocks(node.children, tight)


def _quote(w: _Writer, node: nodes.Quote, previous: object) -> list[str]:
    lines = w.blocks(node.children)
    if node.attribution:
        # The attribution may hold a hard break (speaker, then the context of the remark).
        attribution = w.line_of(node.attribution, lead="— ")
        lines += ["", "— " + attribution[0], *attribution[1:]]
    return _prefixed(lines)


def _callout(w: _Writer, node: nodes.Callout, previous: object) -> list[str]:
    kind = node.kind.upper()
    lines = [f"[!{kind}]"]  # GitHub wants the alert marker alone on the first line
    title = w.inlines(node.title, LINE, lead=f"[!{kind}] ")
    if title:
        lines.append(escape_line_start(f"**{protect_edges(title)}**"))
    body = w.blocks(node.children)
    return _prefixed(lines + ([""] + body if body else []))


def _prefixed(lines: list[str]) -> list[str]:
    return [f"> {line}" if line else ">" for line in lines]


def _table(w: _Writer, node: nodes.Table, previous: object) -> list[str]:
    width = max([len(node.header)] + [len(row) for row in node.rows])
    if width == 0:
        return []

    def row_line(cells: tuple) -> str:
        cells = tuple(cells) + ((),) * (width - len(cells))
        return "| " + " | ".join(protect_edges(w.inlines(c, CELL)) for c in cells) + " |"

    return [row_line(node.header), "|" + " --- |" * width] + [row_line(r) for r in node.rows]


def _thematic_break(w: _Writer, node: nodes.ThematicBreak, previous: object) -> list[str]:
    return ["---"]


_HANDLERS: dict[type, Callable] = {
    nodes.Text: _text,
    nodes.Strong: _wrapped("**"),
    nodes.Emphasis: _wrapped("*"),
    nodes.Code: _code,
    nodes.Link: _link,
    nodes.LineBreak: _line_break,
    nodes.Title: _title,
    nodes.Subtitle: _subtitle,
    nodes.Heading: _heading,
    nodes.Paragraph: _paragraph,
    nodes.MetaLine: _paragraph,
    nodes.BulletList: _bullet_list,
    nodes.OrderedList: _ordered_list,
    nodes.ListItem: _list_item,
    nodes.Quote: _quote,
    nodes.Callout: _callout,
    nodes.Table: _table,
    nodes.ThematicBreak: _thematic_break,
}
HANDLED_TYPES = frozenset(_HANDLERS)


# --- the self-check ------------------------------------------------------------------------


@functools.cache
def _gfm() -> MarkdownIt:
    # HTML stays on, as on GitHub, so that leaked tags show up as html tokens.
    return MarkdownIt("commonmark", {"linkify": False}).enable("table")


def check_round_trip(markdown: str, expected: list[str]) -> None:
    """Raise RenderError unless a GFM parser reads each of `expected`'s texts back in order."""
    got = [text for text in map(_normalise, _texts(_gfm().parse(markdown))) if text]
    want = [text for text in map(_normalise, expected) if text]
    for got_text, want_text in zip(got + [""] * len(want), want + [""] * len(got), strict=False):
        if got_text != want_text:
            message = (
                "the Markdown output does not read back as the document: "
                f"expected {want_text!r}, a parser reads {got_text!r}"
            )
            raise RenderError(message, [Issue(message, Location(file="<markdown output>"))])


def _texts(tokens: list) -> list[str]:
    out = []
    for token in tokens:
        if token.type == "inline":
            out.append("".join(_inline_text(child) for child in token.children or ()))
        elif token.type in ("code_block", "fence", "html_block"):
            out.append(f"\x00{token.type}:{token.content}")  # never in the tree, always a mismatch
    return out


def _inline_text(token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type in ("html_inline", "image"):
        return f"\x00{token.type}:{token.content}"
    return ""


def _normalise(text: str) -> str:
    return " ".join(text.split())
