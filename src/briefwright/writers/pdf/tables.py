"""Tables (the timeline): wrapped cells, a shaded header repeated on every page."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from briefwright.doctree import nodes
from briefwright.writers.columns import column_widths as shared_widths
from briefwright.writers.pdf.context import Context
from briefwright.writers.pdf.paragraph import Paragraph

CELL_PADDING = 5.0  # points left and right of cell text, as the look says
_SAMPLE_ROWS = 200  # enough rows to judge column widths without measuring a huge table


def table_flowable(ctx: Context, node: nodes.Table) -> Table:
    """A platypus Table whose cells are Paragraphs, so long text wraps inside its column."""
    ncols = max([len(node.header)] + [len(row) for row in node.rows])
    rows = [_pad(node.header, ncols)] + [_pad(row, ncols) for row in node.rows]
    styles = ctx.styles
    data = [
        [
            Paragraph(
                ctx.inline.render(cell, node.line), styles.header_cell if i == 0 else styles.cell
            )
            for cell in row
        ]
        for i, row in enumerate(rows)
    ]
    table = Table(
        data,
        colWidths=column_widths(rows, ncols, ctx.width, _measure(styles.header_cell)),
        repeatRows=1,
        # a row taller than a page may continue on the next page rather than fail the layout
        splitInRow=3 * styles.cell.leading,  # type: ignore[arg-type] # a height: any number
        style=TableStyle(_table_style(ctx)),
        hAlign="LEFT",
    )
    table.spaceBefore = styles.look.table.before
    table.spaceAfter = styles.look.table.after
    return table


def _measure(style: ParagraphStyle) -> Callable[[str], float]:
    return lambda text: stringWidth(text, style.fontName, style.fontSize)


def _pad(row: tuple, ncols: int) -> list[tuple[nodes.Inline, ...]]:
    return list(row) + [()] * (ncols - len(row))


def column_widths(
    rows: list[list], ncols: int, width: float, measure: Callable[[str], float]
) -> list[float]:
    """Share the width as the DOCX does (writers/columns.py): no column narrower than its
    longest word or its longest short cell (a date stays on one line), the rest by how much
    text each holds. `measure` gives a text's width in points."""
    if ncols == 1:
        return [width]
    sample = rows[: _SAMPLE_ROWS + 1]
    texts = [[nodes.plain_text(cell) for cell in row] for row in sample]
    return shared_widths(texts, width, measure, 2 * CELL_PADDING + 1)


def _table_style(ctx: Context) -> list[tuple]:
    house = ctx.styles.look.table
    above, below, rule = house.header_rule_above, house.header_rule_below, house.row_rule
    return [
        # the table sets a cell font even around Paragraphs; without this it names Helvetica
        ("FONT", (0, 0), (-1, -1), ctx.styles.cell.fontName, ctx.styles.cell.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), house.padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), house.padding),
        ("TOPPADDING", (0, 0), (-1, -1), house.padding_top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), house.padding_bottom),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(house.header_fill)),
        ("LINEABOVE", (0, 0), (-1, 0), above.thickness, HexColor(above.colour)),
        ("LINEBELOW", (0, 0), (-1, 0), below.thickness, HexColor(below.colour)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, HexColor(house.stripe)]),
        ("LINEBELOW", (0, 1), (-1, -1), rule.thickness, HexColor(rule.colour)),
    ]
