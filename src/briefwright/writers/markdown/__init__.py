"""Write the tree as portable GitHub-flavoured Markdown.

The marking opens and closes the file (a draft says DRAFT just inside it; reference and version
come last, as a footer would give them), the title is the only H1 (body headings move one level
down), the callout becomes a GFM alert and a quote a block quote with an attribution line. Text
is escaped only where it would otherwise become markup (inlines.py). Before returning, the
output is parsed again and its text compared with the tree's (check.py), so an escaping bug is
a RenderError, never a wrong file. A table's kind (a timeline) has no GFM spelling and is left
out: a `::: timeline` fence would show as literal colons wherever the file is pasted.

Emphasis is the one thing escaping cannot settle locally: a run's delimiters may pair up wrongly
with its neighbours'. Such a run is written plain (with a warning) when it does not read back on
its own. Reading each run back costs a parse per paragraph, so the first attempt writes every run
as it is and lets the one parse of the whole output also answer, run by run, whether each would
have read back (check.all_read_back); only when something fails is the document written again,
run by run, exactly as before. Either way the output is the same.
"""

from __future__ import annotations

from collections.abc import Callable

from briefwright.doctree import nodes
from briefwright.escaping import escape_heading_end, escape_line_start, protect_edges
from briefwright.i18n.texts import furniture_texts
from briefwright.theme import Theme
from briefwright.writers.base import WriteOptions
from briefwright.writers.markdown.check import all_read_back, check_round_trip, reads_back
from briefwright.writers.markdown.inlines import (
    BLOCK,
    CELL,
    INLINE_HANDLERS,
    LINE,
    has_emphasis,
    render_inlines,
    without_emphasis,
)

__all__ = ["HANDLED_TYPES", "check_round_trip", "write"]


def write(doc: nodes.Document, theme: Theme, options: WriteOptions) -> bytes:
    """The document as UTF-8 GFM; raises RenderError if the output would not read back."""
    runs: dict[int, tuple[str, str]] = {}
    writer = _Writer(options.warn, runs)
    markdown = writer.document(doc)
    if all_read_back(markdown, writer.expected, runs):
        return markdown.encode("utf-8")
    # Some run of emphasis does not read back (or an escaping bug): write again, reading each
    # run back as it is written, and let the whole-document check have the last word.
    writer = _Writer(options.warn, runs=None)
    markdown = writer.document(doc)
    check_round_trip(markdown, writer.expected)
    return markdown.encode("utf-8")


class _Writer:
    """Renders nodes to Markdown lines and records the text a reader must get back.

    With `runs` a dict, each emphasised run is written as it is and recorded there (index in
    `expected` -> its Markdown and text) for check.all_read_back; with None, each is read back
    at once and written plain if it fails.
    """

    def __init__(self, warn: Callable[[str], None], runs: dict[int, tuple[str, str]] | None):
        # The text a parser must find in each paragraph, heading or cell, in document order.
        self.expected: list[str] = []
        self.warn = warn
        self.runs = runs

    def document(self, doc: nodes.Document) -> str:
        """The whole file: marking, DRAFT, blocks, DRAFT, marking."""
        meta = doc.meta
        draft = furniture_texts(meta.language).draft if meta.draft else ""
        parts = [self.banner(meta.marking), self.banner(draft), self.blocks(doc.children)]
        parts += [self.control(meta), self.banner(draft), self.banner(meta.marking)]
        return "\n\n".join("\n".join(part) for part in parts if part) + "\n"

    def control(self, meta: nodes.DocMeta) -> list[str]:
        """Reference and version, as the other formats' footers give them."""
        line = " · ".join(meta.control_parts())
        return [self.inlines((nodes.Emphasis((nodes.Text(line),)),), LINE)] if line else []

    def banner(self, text: str) -> list[str]:
        """A line of bold text, or nothing for no text."""
        if not text:
            return []
        return [self.inlines((nodes.Strong((nodes.Text(text),)),), LINE)]

    def blocks(self, blocks: tuple[nodes.Block, ...], tight: bool = False) -> list[str]:
        """Blocks separated by blank lines (unless tight), each told which block came before."""
        lines: list[str] = []
        previous = None
        for block in blocks:
            lines += [""] if previous and not tight else []
            lines += _BLOCK_HANDLERS[type(block)](self, block, previous)
            previous = block
        return lines

    def inlines(
        self, children: tuple[nodes.Inline, ...], place: str = BLOCK, lead: str = ""
    ) -> str:
        """Inline Markdown for a run of inlines; records its text (after `lead`) for the check."""
        text = nodes.plain_text(children)
        self.expected.append(lead + text)
        markdown = render_inlines(children, place)
        if not has_emphasis(children):
            return markdown  # written plain it would be the same, so there is nothing to choose
        if self.runs is not None:
            self.runs[len(self.expected) - 1] = (markdown, text)
            return markdown
        if reads_back(markdown, text):
            return markdown
        # Rare nestings of emphasis around punctuation have no CommonMark spelling; the words
        # matter more than the italics, so they go out plain, and the user hears about it.
        self.warn(f"Markdown: emphasis in {text[:60]!r} cannot be written in GFM; written plain")
        return render_inlines(without_emphasis(children), place)

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


# --- block handlers: (writer, node, previous sibling) -> lines ----------------------------


def _title(w: _Writer, node: nodes.Title, previous: object) -> list[str]:
    return [_heading_line(1, w.inlines(node.children, LINE))]


def _heading(w: _Writer, node: nodes.Heading, previous: object) -> list[str]:
    # The title is the only H1, so body headings move one level down.
    return [_heading_line(node.level + 1, w.inlines(node.children, LINE))]


def _heading_line(level: int, inner: str) -> str:
    return f"{'#' * level} {escape_heading_end(protect_edges(inner))}".rstrip()


def _subtitle(w: _Writer, node: nodes.Subtitle, previous: object) -> list[str]:
    line = w.inlines((nodes.Emphasis(node.children),), LINE)
    return [line] if line else []


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


def _list_item(
    w: _Writer, node: nodes.ListItem, previous: object, tight: bool = False
) -> list[str]:
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
    title = w.inlines((nodes.Strong(node.title),), LINE, lead=f"[!{kind}] ")
    lines += [title] if title else []
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


_BLOCK_HANDLERS: dict[type, Callable[..., list[str]]] = {
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
HANDLED_TYPES = frozenset(INLINE_HANDLERS) | frozenset(_BLOCK_HANDLERS)
