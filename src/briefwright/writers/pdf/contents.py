"""The PDF's contents list: each heading of levels 1 and 2, linked to it, with its page.

The list goes before the first heading. Its page numbers come from a layout of the same
document, so they are the outline's: the list is laid out once with blank numbers (the number
column has a fixed width, so the list is as tall either way), and again with the pages that
layout found.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from briefwright.doctree import nodes
from briefwright.writers.pdf.context import Context
from briefwright.writers.pdf.paragraph import Paragraph

TITLE = "Contents"
DEPTH = 2  # heading levels listed
NUMBER_WIDTH = 36.0  # points for the page numbers: "888" with room to spare
INDENT = 14.0  # points a level-2 entry is indented


@dataclass(frozen=True)
class Entry:
    """One line of the list: a heading, the bookmark it links to, and its page once known."""

    level: int
    text: str
    anchor: str
    page: int | None = None


def anchor(index: int) -> str:
    """The bookmark name of the `index`th top-level heading (from 1)."""
    return f"heading-{index}"


def planned(blocks: tuple[nodes.Block, ...]) -> list[Entry]:
    """The entries the tree's top-level headings make, before any page is known."""
    headings = [block for block in blocks if isinstance(block, nodes.Heading)]
    return [
        Entry(h.level, nodes.plain_text(h.children), anchor(i))
        for i, h in enumerate(headings, 1)
        if h.level <= DEPTH
    ]


def found(outline: Sequence[tuple[int, str, int, str]]) -> list[Entry]:
    """The entries a layout's outline gives: (level, text, page, anchor), title left out."""
    return [Entry(lvl, text, key, page) for lvl, text, page, key in outline if 1 <= lvl <= DEPTH]


def contents_flowables(ctx: Context, entries: list[Entry]) -> list[Flowable]:
    """The list's title and its table of entries."""
    styles = ctx.styles
    title = Paragraph(ctx.inline.text(TITLE), styles.headings[1])
    rows = []
    for entry in entries:
        style = styles.body if entry.level == 1 else _smaller(styles.body)
        link = f'<a href="#{entry.anchor}">{ctx.inline.text(entry.text)}</a>'
        number = str(entry.page) if entry.page is not None else ""
        rows.append([Paragraph(link, style), Paragraph(number, _right(style))])
    if not rows:
        return []
    table = Table(
        rows, colWidths=[ctx.width - NUMBER_WIDTH, NUMBER_WIDTH], style=_look(ctx, entries)
    )
    table.spaceAfter = styles.body.spaceAfter * 2
    return [title, table]


def _look(ctx: Context, entries: list[Entry]) -> TableStyle:
    commands: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, HexColor(ctx.theme.table_header_fill)),
    ]
    for row, entry in enumerate(entries):
        if entry.level > 1:
            commands.append(("LEFTPADDING", (0, row), (0, row), INDENT))
    return TableStyle(commands)


def _smaller(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name} Contents 2", parent=style, fontSize=style.fontSize - 1)


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name} Page", parent=style, alignment=TA_RIGHT)
