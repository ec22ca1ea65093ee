"""Block nodes to platypus flowables, one handler per node class."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    ListFlowable,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import ListItem as RLListItem

from briefwright.doctree import nodes
from briefwright.errors import RenderError
from briefwright.writers.look import BULLETS, NUMBERS, Box
from briefwright.writers.pdf.context import Context
from briefwright.writers.pdf.layout import Together
from briefwright.writers.pdf.paragraph import Paragraph
from briefwright.writers.pdf.tables import table_flowable


def render_blocks(ctx: Context, blocks: tuple[nodes.Block, ...]) -> list[Flowable]:
    """Flowables for a sequence of blocks, in order."""
    out: list[Flowable] = []
    for block in blocks:
        out.extend(render_block(ctx, block))
    return out


def render_block(ctx: Context, block: nodes.Block) -> list[Flowable]:
    """Flowables for one block, by its handler; a node class without one is an error."""
    try:
        handler = BLOCK_HANDLERS[type(block)]
    except KeyError:
        raise RenderError(f"PDF writer has no handler for {type(block).__name__}") from None
    return handler(ctx, block)


def para(
    ctx: Context,
    inlines: tuple[nodes.Inline, ...],
    style: ParagraphStyle,
    line: int = 0,
    outline: tuple[int, str] | None = None,
) -> Paragraph:
    """A Paragraph of escaped inline markup; `outline` (level, text) makes it a bookmark."""
    paragraph = Paragraph(ctx.inline.render(inlines, line), style)
    # read by the document template's afterFlowable to add the outline entry
    paragraph.outline = outline
    return paragraph


def _title(ctx: Context, node: nodes.Title) -> list[Flowable]:
    rule = ctx.styles.look.title_bar
    bar = HRFlowable(
        width=rule.length,
        thickness=rule.thickness,
        color=HexColor(rule.colour),
        hAlign="LEFT",
        spaceAfter=rule.after,
    )
    text = nodes.plain_text(node.children)
    return [bar, para(ctx, node.children, ctx.styles.title, node.line, (0, text))]


def _subtitle(ctx: Context, node: nodes.Subtitle) -> list[Flowable]:
    return [para(ctx, node.children, ctx.styles.subtitle, node.line)]


def _meta_line(ctx: Context, node: nodes.MetaLine) -> list[Flowable]:
    return [para(ctx, node.children, ctx.styles.meta, node.line)]


def _heading(ctx: Context, node: nodes.Heading) -> list[Flowable]:
    level = min(max(node.level, 1), 3)
    text = nodes.plain_text(node.children)
    ctx.inline.section = text
    return [para(ctx, node.children, ctx.styles.headings[level - 1], node.line, (level, text))]


def _paragraph(ctx: Context, node: nodes.Paragraph) -> list[Flowable]:
    return [para(ctx, node.children, ctx.styles.body, node.line)]


def _list_item(ctx: Context, node: nodes.ListItem) -> list[Flowable]:
    return render_blocks(ctx, node.children)


_COUNTING = {"decimal": "1", "lower-alpha": "a", "lower-roman": "i"}  # reportlab's names


def _list(ctx: Context, node: nodes.BulletList | nodes.OrderedList) -> list[Flowable]:
    if not node.items:
        return []  # reportlab's ListFlowable fails on an empty list
    body = ctx.styles.body
    indent = ctx.styles.look.list_indent
    items = []
    saved, depth = ctx.width, ctx.list_depth
    ctx.width, ctx.list_depth = saved - indent, depth + 1
    try:
        for item in node.items:
            items.append(RLListItem(_list_item(ctx, item) or [Spacer(0, 0)]))
    finally:
        ctx.width, ctx.list_depth = saved, depth
    ordered = isinstance(node, nodes.OrderedList)
    return [
        ListFlowable(
            items,  # type: ignore[arg-type] # ListItems are what it takes
            bulletType=_COUNTING[NUMBERS[depth % len(NUMBERS)]] if ordered else "bullet",
            start=node.start
            if isinstance(node, nodes.OrderedList)
            else BULLETS[depth % len(BULLETS)],
            bulletFontName=body.fontName,
            bulletFontSize=body.fontSize,
            bulletColor=HexColor(ctx.styles.look.marker),
            bulletFormat="%s." if ordered else None,
            leftIndent=indent,
            spaceAfter=ctx.styles.look.list_after,
        )
    ]


def _quote(ctx: Context, node: nodes.Quote) -> list[Flowable]:
    box = ctx.styles.look.quote
    with _inside_box(ctx, box) as inner:
        saved = ctx.inline.italic
        ctx.inline.italic = True  # the quote style draws its text with the italic face
        try:
            inner.extend(_styled_blocks(ctx, node.children, ctx.styles.quote))
        finally:
            ctx.inline.italic = saved
        if node.attribution:
            dash = (nodes.Text("\u2014 "),)
            inner.append(para(ctx, dash + node.attribution, ctx.styles.attribution, node.line))
    # a quote is never split from its attribution
    return [Together([_boxed(ctx, inner, box)])]


def _callout(ctx: Context, node: nodes.Callout) -> list[Flowable]:
    box = ctx.styles.look.callout
    with _inside_box(ctx, box) as inner:
        if node.title:
            title = (nodes.Text(nodes.plain_text(node.title).upper()),)
            inner.append(para(ctx, title, ctx.styles.callout_title, node.line))
        inner.extend(_styled_blocks(ctx, node.children, ctx.styles.callout_body))
    return [_boxed(ctx, inner, box)]


def _styled_blocks(
    ctx: Context, blocks: tuple[nodes.Block, ...], style: ParagraphStyle
) -> list[Flowable]:
    """Like render_blocks, but paragraphs take `style` (quote text, bottom-line text)."""
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, nodes.Paragraph):
            out.append(para(ctx, block.children, style, block.line))
        else:
            out.extend(render_block(ctx, block))
    return out


@contextmanager
def _inside_box(ctx: Context, box: Box) -> Iterator[list[Flowable]]:
    """Collect flowables for a box, with the frame width narrowed by its bar and padding."""
    saved = ctx.width
    ctx.width = saved - box.bar.thickness - 2 * box.padding
    try:
        yield []
    finally:
        ctx.width = saved


def _boxed(ctx: Context, flowables: list[Flowable], box: Box) -> Table:
    """Flowables in a one-cell table with a bar on the left and, if the box has one, a fill."""
    bar = box.bar.thickness
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), ctx.styles.body.fontName, ctx.styles.body.fontSize),
        ("LINEBEFORE", (0, 0), (0, -1), bar, HexColor(box.bar.colour)),
        ("LEFTPADDING", (0, 0), (-1, -1), box.padding + bar),
        ("RIGHTPADDING", (0, 0), (-1, -1), box.padding),
        ("TOPPADDING", (0, 0), (-1, -1), box.padding_top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), box.padding_bottom),
    ]
    if box.fill:
        style.append(("BACKGROUND", (0, 0), (-1, -1), HexColor(box.fill)))
    # splitInRow lets a box longer than a page continue on the next one instead of failing
    table = Table([[flowables]], colWidths=[ctx.width], style=TableStyle(style), splitInRow=24)
    table.spaceBefore = box.before
    table.spaceAfter = box.after
    return table


def _table(ctx: Context, node: nodes.Table) -> list[Flowable]:
    if not node.header and not any(node.rows):
        return []  # a table without a single column has nothing to draw
    return [table_flowable(ctx, node)]


def _thematic_break(ctx: Context, node: nodes.ThematicBreak) -> list[Flowable]:
    rule = ctx.styles.look.thematic_break
    return [
        HRFlowable(
            width="100%",
            thickness=rule.thickness,
            color=HexColor(rule.colour),
            spaceBefore=rule.before,
            spaceAfter=rule.after,
        )
    ]


# each handler takes its own node class
BLOCK_HANDLERS: dict[type, Callable[[Context, Any], list[Flowable]]] = {
    nodes.Title: _title,
    nodes.Subtitle: _subtitle,
    nodes.MetaLine: _meta_line,
    nodes.Heading: _heading,
    nodes.Paragraph: _paragraph,
    nodes.ListItem: _list_item,
    nodes.BulletList: _list,
    nodes.OrderedList: _list,
    nodes.Quote: _quote,
    nodes.Callout: _callout,
    nodes.Table: _table,
    nodes.ThematicBreak: _thematic_break,
}
