"""Block nodes become paragraphs of named styles; lists, quotes and boxes set the context."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from docx.oxml.ns import qn

from briefwright.doctree import nodes
from briefwright.writers.docx.context import Context, RunFormat, dispatch
from briefwright.writers.docx.inlines import INLINE_HANDLERS, add_inlines, text_runs
from briefwright.writers.docx.stylesheet import BOX_STYLES
from briefwright.writers.docx.tables import write_box, write_table
from briefwright.writers.docx.xml import Element, clone, el
from briefwright.writers.look import Look

_CALLOUT_STYLES = {"important": ("Bottom Line Title", "Bottom Line")}
_OTHER_CALLOUT = ("Callout Title", "Callout")
MAX_LIST_STYLE_DEPTH = 3  # Word's built-in list styles go to "List Bullet 3"
MAX_LIST_LEVEL = 8  # w:ilvl runs 0..8
_PARAGRAPH = qn("w:p")


def write_blocks(blocks: Sequence[nodes.Block], ctx: Context) -> None:
    """Append every block in order."""
    for node in blocks:
        dispatch(BLOCK_HANDLERS, node, ctx)


Styled = nodes.Subtitle | nodes.MetaLine


def _styled(style: str) -> Callable[[Styled, Context], None]:
    def handler(node: Styled, ctx: Context) -> None:
        add_inlines(ctx.paragraph(style), node.children, ctx)

    handler.__doc__ = f"A paragraph of style {style!r}."
    return handler


def _title(node: nodes.Title, ctx: Context) -> None:
    """The title under a short bar: an empty paragraph whose top border is the bar."""
    bar = ctx.paragraph("Title Bar")
    length = round(ctx.look.title_bar.length * 20)
    bar[0].append(el("ind", left=0, right=max(ctx.text_width - length, 0)))
    add_inlines(ctx.paragraph("Title"), node.children, ctx)


def _heading(node: nodes.Heading, ctx: Context) -> None:
    level = min(max(node.level, 1), 3)
    add_inlines(ctx.paragraph(f"Heading {level}"), node.children, ctx)


def _paragraph(node: nodes.Paragraph, ctx: Context) -> None:
    add_inlines(ctx.paragraph(ctx.para_style), node.children, ctx)


def _list_style(base: str, depth: int) -> str:
    level = min(depth, MAX_LIST_STYLE_DEPTH - 1)
    return base if level == 0 else f"{base} {level + 1}"


def _bullet_list(node: nodes.BulletList, ctx: Context) -> None:
    inner = ctx.with_(
        list_style=_list_style("List Bullet", ctx.depth), num_id=ctx.numbering.ids.bullet_num
    )
    write_blocks(node.items, inner)


def _ordered_list(node: nodes.OrderedList, ctx: Context) -> None:
    level = min(ctx.depth, MAX_LIST_LEVEL)
    # a numbering instance of its own, so this list starts at its own number
    num_id = ctx.numbering.add_num(ctx.numbering.ids.ordered_abstract, node.start, level)
    write_blocks(
        node.items, ctx.with_(list_style=_list_style("List Number", ctx.depth), num_id=num_id)
    )


def _list_item(node: nodes.ListItem, ctx: Context) -> None:
    if not ctx.list_style:  # an item outside any list is written as a one-item bullet list
        _bullet_list(nodes.BulletList((node,), node.line), ctx)
        return
    nested = ctx.with_(depth=ctx.depth + 1)
    continued = _list_style("List Continue", ctx.depth)
    marker_placed = False
    for child in node.children:
        if isinstance(child, nodes.BulletList | nodes.OrderedList):
            dispatch(BLOCK_HANDLERS, child, nested)
        elif isinstance(child, nodes.Paragraph) and not marker_placed:
            paragraph = ctx.paragraph(ctx.list_style)
            num = clone(_num_pr(min(ctx.depth, MAX_LIST_LEVEL), ctx.num_id))
            paragraph[0].insert(1 + int(ctx.keep_next), num)  # after pStyle (and keepNext)
            add_inlines(paragraph, child.children, ctx)
            marker_placed = True
        elif isinstance(child, nodes.Paragraph):
            add_inlines(ctx.paragraph(continued), child.children, ctx)
        else:
            dispatch(BLOCK_HANDLERS, child, ctx)


@lru_cache(maxsize=256)
def _num_pr(level: int, num_id: int) -> Element:
    # a template, copied for each list item: cheaper than building three elements each time
    return el("numPr", (el("ilvl", val=level), el("numId", val=num_id)))


def _quote(node: nodes.Quote, ctx: Context) -> None:
    # a quote is kept on one page with its attribution
    write_blocks(node.children, ctx.with_(para_style="Quote", keep_next=bool(node.attribution)))
    if node.attribution:
        paragraph = ctx.paragraph("Attribution")
        text_runs(paragraph, "\u2014 ", ctx, RunFormat())
        add_inlines(paragraph, node.attribution, ctx)


def _callout(node: nodes.Callout, ctx: Context) -> None:
    """A box (a one-cell table) holding the title and every block of the callout, lists too."""
    title_style, body_style = _CALLOUT_STYLES.get(node.kind.lower(), _OTHER_CALLOUT)
    inner = write_box(ctx, BOX_STYLES[body_style], _box_width(ctx.look))
    if node.title:
        add_inlines(inner.paragraph(title_style), node.title, inner)
    write_blocks(node.children, inner.with_(para_style=body_style))
    if not len(inner.container) or inner.container[-1].tag != _PARAGRAPH:
        inner.paragraph(body_style)  # a cell ends with a paragraph, or Word refuses the file


def _box_width(house: Look) -> int:
    """Twips the box's bar and padding take from the width of its text."""
    return round((house.callout.bar.thickness + 2 * house.callout.padding) * 20)


def _thematic_break(node: nodes.ThematicBreak, ctx: Context) -> None:
    ctx.paragraph("Thematic Break")


def _table(node: nodes.Table, ctx: Context) -> None:
    write_table(node, ctx)


BLOCK_HANDLERS: dict[type, Callable[..., None]] = {
    nodes.Title: _title,
    nodes.Subtitle: _styled("Subtitle"),
    nodes.Heading: _heading,
    nodes.Paragraph: _paragraph,
    nodes.MetaLine: _styled("Briefing Meta"),
    nodes.BulletList: _bullet_list,
    nodes.OrderedList: _ordered_list,
    nodes.ListItem: _list_item,
    nodes.Quote: _quote,
    nodes.Callout: _callout,
    nodes.Table: _table,
    nodes.ThematicBreak: _thematic_break,
}
HANDLERS = {**BLOCK_HANDLERS, **INLINE_HANDLERS}
