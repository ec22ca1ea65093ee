"""Parse the Markdown a template renders into the document tree (doctree.nodes).

The dialect is CommonMark without raw HTML (a tag is an error; an escaped `\\<b>` is text), plus
GFM tables and fenced containers:

    # Heading / ## / ###      Heading(level 1..3); "####" and deeper are an error
    plain lines               Paragraph; a soft line break becomes one space, a backslash or two
                              trailing spaces at the end of a line a LineBreak
    **bold** *italic* `code`  Strong, Emphasis, Code
    [text](https://...)       Link, for http, https and mailto targets only; any other target
                              (relative, ftp, javascript) keeps just its text
    - item / 1. item          BulletList / OrderedList (start number kept) of ListItem
    > text                    Quote without attribution
    ---                       ThematicBreak (a blank line must separate it from a paragraph,
                              or the paragraph becomes a heading)
    | a | b |                 Table: first row is the header, then rows
    |---|---|

    ::: title                 Title: the inlines of its single paragraph (top level only)
    ::: subtitle              Subtitle (top level only)
    ::: meta                  one MetaLine per paragraph inside (top level only)
    ::: callout KIND TITLE    Callout(kind, title=inlines of TITLE, children=blocks);
                              KIND is note, tip, important, warning or caution; TITLE may use
                              inline Markdown and may be empty
    :::: quote                Quote(children=blocks, attribution=inlines of the nested
    blocks...                 attribution's single paragraph); a container holding another
    ::: attribution           container needs a longer fence (4 colons outside, 3 inside);
    Name, Role                `::: attribution` also works inside a `>` quote
    :::
    ::::
    ::: timeline              Table(kind="timeline"): says what the table is, so that writers
    | Date | Event |          style it as a timeline (Word style "Timeline Table") without
    |---|---|                 reading its header; the container holds that one table and
    | ... | ... |             nothing else. Any other table is Table(kind="data").
    :::

Every container must be closed by a line of at least as many colons; a container may start
right after a paragraph line, but a blank line between blocks is clearer. Code blocks (fenced or
indented by 4+ spaces), images, raw HTML, headings deeper than ### and unknown or unclosed
containers are a RenderError naming `source_name:line`. Entities (&amp;) and backslash escapes
decode to text.

For template authors: every `{{ value }}` arrives through escaping.escape_markdown, so it is
literal text wherever it sits (paragraph, list item, table cell, heading, container body, callout
title, attribution) and can never start a block: whitespace runs in it collapse to one space, so
a multi-line value is one line. An escaped URL works as a link target, `[{{ name }}]({{ url }})`,
but not inside `<...>`. Structure comes only from the template's own text; keep it indented less
than 4 spaces outside list continuations.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin

from briefwright.doctree import nodes
from briefwright.doctree.inlines import InlineConverter
from briefwright.doctree.mdtree import Node, tree
from briefwright.errors import Issue, Location, RenderError

CALLOUT_KINDS = ("note", "tip", "important", "warning", "caution")
_CONTAINER_CLOSE = re.compile(r"^[ \t>]*:{3,}[ \t]*$")


@functools.cache
def _markdown_it() -> MarkdownIt:
    # HTML parsing stays on only so that raw HTML arrives as html_* tokens, which are errors:
    # with it off, a template's <b> would pass silently as text.
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    # One catch-all container rule: the walker reads the name, so an unknown one is an error
    # instead of silently becoming a paragraph of colons.
    container_plugin(md, "any", validate=lambda params, markup: True)
    return md


def parse_markdown(text: str, source_name: str = "<template output>") -> tuple[nodes.Block, ...]:
    """Parse template Markdown into block nodes; unsupported constructs raise RenderError."""
    # mdit-py-plugins' container rule indexes past the end of a source whose last line is an
    # empty "> " inside a quote; a final newline keeps it in range and changes nothing else.
    tokens = _markdown_it().parse(text if text.endswith("\n") else text + "\n")
    # Lines as markdown-it counts them (str.splitlines would also split at \x0b, \x85, ...).
    lines = re.split(r"\r\n?|\n", text)
    return _Builder(source_name, lines).blocks(tree(tokens), top=True)


class _Builder:
    """Turns markdown-it syntax tree nodes into our nodes, remembering source lines."""

    def __init__(self, source_name: str, lines: list[str]) -> None:
        self.source_name = source_name
        self.lines = lines

    def error(self, line: int, message: str) -> RenderError:
        location = Location(file=self.source_name, line=line)
        return RenderError(message, [Issue(message, location)])

    # --- blocks ---------------------------------------------------------------------------

    def blocks(self, children: list[Node], top: bool = False) -> tuple[nodes.Block, ...]:
        out: list[nodes.Block] = []
        for child in children:
            # A meta container stands for several blocks: one MetaLine per paragraph.
            if _container_name(child) == "meta":
                out.extend(self.meta(child, top))
            else:
                out.append(self.block(child, top))
        return tuple(out)

    def block(self, node: Node, top: bool) -> nodes.Block:
        line = node.line
        if node.type == "container_any":
            return self.container(node, line, top)
        handler = _BLOCK_HANDLERS.get(node.type)
        if handler is None:
            raise self.unsupported(line, node)
        return handler(self, node, line)

    def paragraph(self, node: Node, line: int) -> nodes.Paragraph:
        return nodes.Paragraph(self.inlines(node.children[0], line), line)

    def heading(self, node: Node, line: int) -> nodes.Heading:
        level = int(node.tag[1])
        if level > 3:
            raise self.error(line, f"heading level {level} is not supported (use # to ###)")
        return nodes.Heading(level, self.inlines(node.children[0], line), line)

    def bullet_list(self, node: Node, line: int) -> nodes.BulletList:
        return nodes.BulletList(self.list_items(node), line)

    def ordered_list(self, node: Node, line: int) -> nodes.OrderedList:
        start = int(node.attrs.get("start", 1))
        return nodes.OrderedList(self.list_items(node), start, line)

    def list_items(self, node: Node) -> tuple[nodes.ListItem, ...]:
        return tuple(self.list_item(item, item.line) for item in node.children)

    def list_item(self, node: Node, line: int) -> nodes.ListItem:
        return nodes.ListItem(self.blocks(node.children), line)

    def table(self, node: Node, line: int) -> nodes.Table:
        rows = [tr for section in node.children for tr in section.children]
        cells = [
            tuple(self.inlines(cell.children[0], tr.line) for cell in tr.children) for tr in rows
        ]
        return nodes.Table(cells[0], tuple(cells[1:]), line)

    def thematic_break(self, node: Node, line: int) -> nodes.ThematicBreak:
        return nodes.ThematicBreak(line)

    def blockquote(self, node: Node, line: int) -> nodes.Quote:
        children, attribution = [], None
        for child in node.children:
            if _container_name(child) != "attribution":
                children.append(self.block(child, top=False))
            elif attribution is None:
                attribution = self.single_paragraph(child, "attribution")
            else:
                raise self.error(child.line, "a quote has only one attribution")
        return nodes.Quote(tuple(children), attribution or (), line)

    # --- containers -----------------------------------------------------------------------

    def container(self, node: Node, line: int, top: bool) -> nodes.Block:
        name = _info_name(node)
        self.check_container(node, name, line, top)
        if name == "title":
            return nodes.Title(self.single_paragraph(node, name), line)
        if name == "subtitle":
            return nodes.Subtitle(self.single_paragraph(node, name), line)
        if name == "callout":
            return self.callout(node, line)
        if name == "quote":
            return self.blockquote(node, line)
        if name == "timeline":
            return self.kind_of_table(node, name, line)
        if name == "attribution":
            raise self.error(line, "'::: attribution' belongs inside a quote")
        known = "title, subtitle, meta, callout, quote, attribution, timeline"
        what = f"unknown container '{name}'" if name else "a container needs a name"
        raise self.error(line, f"{what} (known: {known})")

    def check_container(self, node: Node, name: str, line: int, top: bool) -> None:
        end = node.end
        # The plugin closes a container silently at the end of the document; for a template
        # that is almost always a forgotten ':::' that swallowed the rest of the briefing.
        if end >= len(self.lines) or not _CONTAINER_CLOSE.match(self.lines[end]):
            raise self.error(line, f"container '{name}' is not closed (end it with a ':::' line)")
        if name in ("title", "subtitle", "meta") and not top:
            raise self.error(line, f"'::: {name}' must be at the top level")

    def single_paragraph(self, node: Node, name: str) -> tuple[nodes.Inline, ...]:
        if not node.children:
            return ()
        first = node.children[0]
        if len(node.children) > 1 or first.type != "paragraph":
            line = first.line if len(node.children) == 1 else node.children[1].line
            raise self.error(line, f"'::: {name}' holds a single paragraph")
        return self.inlines(first.children[0], first.line)

    def kind_of_table(self, node: Node, kind: str, line: int) -> nodes.Table:
        """The one table inside a `::: KIND` container, marked as that kind of table."""
        tables = [child for child in node.children if child.type == "table"]
        others = [child for child in node.children if child.type != "table"]
        if len(tables) != 1 or others:
            stray = (others or tables[1:] or [node])[0]
            raise self.error(stray.line, f"'::: {kind}' holds a single table")
        table = self.table(tables[0], tables[0].line)
        return dataclasses.replace(table, kind=kind)

    def meta(self, node: Node, top: bool) -> list[nodes.MetaLine]:
        line = node.line
        self.check_container(node, "meta", line, top)
        for child in node.children:
            if child.type != "paragraph":
                raise self.error(child.line, "'::: meta' holds only paragraphs")
        paragraphs = (self.paragraph(child, child.line) for child in node.children)
        return [nodes.MetaLine(p.children, p.line) for p in paragraphs]

    def callout(self, node: Node, line: int) -> nodes.Callout:
        words = node.info.split(None, 2)
        kind = words[1] if len(words) > 1 else ""
        if kind not in CALLOUT_KINDS:
            raise self.error(
                line, f"callout kind '{kind}' is not one of {', '.join(CALLOUT_KINDS)}"
            )
        title_text = words[2].strip(" \t") if len(words) > 2 else ""
        (title,) = tree(_markdown_it().parseInline(title_text))
        return nodes.Callout(kind, self.inlines(title, line), self.blocks(node.children), line)

    # --- inlines --------------------------------------------------------------------------

    def inlines(self, inline: Node, line: int) -> tuple[nodes.Inline, ...]:
        return InlineConverter(line, self.unsupported).convert(inline.children)

    def unsupported(self, line: int, node: Node) -> RenderError:
        return self.error(line, _unsupported(node))


_BLOCK_HANDLERS: dict[str, Callable[[_Builder, Node, int], nodes.Block]] = {
    "paragraph": _Builder.paragraph,
    "heading": _Builder.heading,
    "bullet_list": _Builder.bullet_list,
    "ordered_list": _Builder.ordered_list,
    "list_item": _Builder.list_item,
    "table": _Builder.table,
    "hr": _Builder.thematic_break,
    "blockquote": _Builder.blockquote,
}
_UNSUPPORTED = {
    "fence": "code blocks are not supported",
    "code_block": "code blocks are not supported (is a line indented by 4 or more spaces?)",
    "image": "images are not supported",
    "html_block": "raw HTML is not supported",
    "html_inline": "raw HTML is not supported",
}


def _unsupported(node: Node) -> str:
    return _UNSUPPORTED.get(node.type, f"unsupported Markdown construct '{node.type}'")


def _container_name(node: Node) -> str | None:
    return _info_name(node) if node.type == "container_any" else None


def _info_name(node: Node) -> str:
    """The first word after a container's opening colons ("" when there is none)."""
    words = node.info.split(None, 1)
    return words[0] if words else ""
