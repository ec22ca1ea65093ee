"""Tables (the timeline): wrapped cells, a shaded header repeated on every page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.platypus import Paragraph, Table, TableStyle

from briefwright.doctree import nodes

if TYPE_CHECKING:
    from briefwright.writers.pdf.blocks import Context

RULE_COLOR = "#C9D1DB"  # thin lines between rows: visible on paper, quiet on screen
STRIPE_COLOR = "#F6F8FA"
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
        colWidths=column_widths(rows, ncols, ctx.width),
        repeatRows=1,
        # a row taller than a page may continue on the next page rather than fail the layout
        splitInRow=3 * styles.cell.leading,
        style=TableStyle(_table_style(ctx)),
        hAlign="LEFT",
    )
    table.spaceBefore = styles.body.spaceAfter * 0.5
    table.spaceAfter = styles.body.spaceAfter * 1.5
    return table


def _pad(row: tuple, ncols: int) -> list[tuple[nodes.Inline, ...]]:
    return list(row) + [()] * (ncols - len(row))


def column_widths(rows: list[list], ncols: int, width: float) -> list[float]:
    """Share the width by how much text each column holds; the first (dates) stays narrow."""
    if ncols == 1:
        return [width]
    sample = rows[: _SAMPLE_ROWS + 1]
    lengths = [
        sum(len(nodes.plain_text(row[col])) for row in sample) / len(sample) for col in range(ncols)
    ]
    first_cap = 0.22 if ncols > 2 else 0.3
    first = min(max(lengths[0] / max(sum(lengths), 1), 0.12), first_cap)
    rest = [max(length, 6.0) ** 0.5 for length in lengths[1:]]
    shares = [first] + [(1 - first) * r / sum(rest) for r in rest]
    return [width * share for share in shares]


def _table_style(ctx: Context) -> list[tuple]:
    theme = ctx.theme
    return [
        # the table sets a cell font even around Paragraphs; without this it names Helvetica
        ("FONT", (0, 0), (-1, -1), ctx.styles.cell.fontName, ctx.styles.cell.fontSize),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("BACKGROUND", (0, 0), (-1, 0), HexColor(theme.table_header_fill)),
        ("LINEABOVE", (0, 0), (-1, 0), 1.2, HexColor(theme.accent_color)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, HexColor(theme.accent_color)),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, HexColor(STRIPE_COLOR)]),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, HexColor(RULE_COLOR)),
    ]
