"""Tables: a named table style, a repeating header row, rows that never split, fitted columns."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from briefwright.doctree import nodes
from briefwright.writers.columns import column_widths as shared_widths
from briefwright.writers.docx.context import Context
from briefwright.writers.docx.inlines import add_inlines
from briefwright.writers.docx.xml import clone, el

if TYPE_CHECKING:
    from lxml import etree

Cell = tuple[nodes.Inline, ...]

# The tree says what a table is; each kind has its own table style, so a house style can
# restyle timelines apart from other tables.
_STYLES = {"data": "Briefing Table", "timeline": "Timeline Table"}
_CELL_PADDING = 240  # twips: left and right cell margins of the table style, plus a little air
# firstRow on, banding by columns off (ST_ShortHexNumber of w:tblLook, for older Word)
_LOOK = el(
    "tblLook",
    val="0420",
    firstRow=1,
    lastRow=0,
    firstColumn=0,
    lastColumn=0,
    noHBand=0,
    noVBand=1,
)


def write_table(node: nodes.Table, ctx: Context) -> None:
    """Append the table with its header row first."""
    columns = max([len(node.header), *(len(row) for row in node.rows)])
    if columns == 0:
        return
    rows = [_pad(node.header, columns), *(_pad(row, columns) for row in node.rows)]
    texts = [[nodes.plain_text(cell) for cell in row] for row in rows]
    widths = column_widths(texts, ctx.text_width, _char_width(ctx))
    style = _STYLES[node.kind]
    table = el(
        "tbl",
        (
            el(
                "tblPr",
                (
                    el("tblStyle", val=ctx.style_id(style)),  # a reference document's id
                    el("tblW", w=sum(widths), type="dxa"),
                    el("tblLayout", type="fixed"),
                    clone(_LOOK),
                ),
            ),
            el("tblGrid", tuple(el("gridCol", w=width) for width in widths)),
        ),
    )
    ctx.append(table)
    for index, row in enumerate(rows):
        table.append(_row(row, widths, ctx, header=index == 0))


def write_box(ctx: Context, style: str, taken: int) -> Context:
    """Append a one-cell table of the box style `style`, the full width of the text; the
    context for its cell, whose text is `taken` twips narrower."""
    width = ctx.text_width
    table = el(
        "tbl",
        (
            el(
                "tblPr",
                (
                    el("tblStyle", val=ctx.style_id(style)),
                    el("tblW", w=width, type="dxa"),
                    el("tblLayout", type="fixed"),
                    clone(_BOX_LOOK),
                ),
            ),
            el("tblGrid", (el("gridCol", w=width),)),
        ),
    )
    ctx.append(table)
    cell = clone(_cell_template(width))
    table.append(el("tr", (cell,)))
    return ctx.with_(container=cell, text_width=width - taken)


# the box style applies to the whole table: no header row, no bands
_BOX_LOOK = el(
    "tblLook", val="0400", firstRow=0, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1
)


def _pad(row: tuple[Cell, ...], columns: int) -> tuple[Cell, ...]:
    return tuple(row) + ((),) * (columns - len(row))


def _row(cells: tuple[Cell, ...], widths: list[int], ctx: Context, header: bool) -> etree._Element:
    row = clone(_row_template(header))
    style = "Table Heading" if header else "Table Text"
    for cell, width in zip(cells, widths, strict=True):
        tc = clone(_cell_template(width))
        row.append(tc)
        add_inlines(ctx.with_(container=tc).paragraph(style), cell, ctx)
    return row


# Rows and cells are copied from templates: one copy is cheaper than building three elements.
@lru_cache(maxsize=2)
def _row_template(header: bool) -> etree._Element:
    # rows never break across pages; the header row repeats at the top of each page
    return el("tr", (el("trPr", (el("cantSplit"), *((el("tblHeader"),) if header else ()))),))


@lru_cache(maxsize=256)
def _cell_template(width: int) -> etree._Element:
    return el("tc", (el("tcPr", (el("tcW", w=width, type="dxa"),)),))


def _char_width(ctx: Context) -> float:
    """Twips of an average character of table text (a little over half an em)."""
    return ctx.table_font_size * 20 * 0.58


def column_widths(texts: list[list[str]], available: int, char: float) -> list[int]:
    """Column widths in whole twips that fill `available`, as the PDF shares out its width
    (writers/columns.py); a text is `char` twips a character wide."""
    widths = shared_widths(texts, available, lambda text: len(text) * char, _CELL_PADDING)
    rounded = [int(width) for width in widths]
    rounded[-1] += available - sum(rounded)  # whole twips that add up to the text width
    return rounded
