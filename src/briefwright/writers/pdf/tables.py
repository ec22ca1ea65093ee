"""Tables (the timeline): wrapped cells, a shaded header repeated on every page."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from briefwright.doctree import nodes
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
    """Share the width by how much text each column holds; the first (dates) stays narrow.

    No column is narrower than its longest word (as `measure` gives it in points), so
    "December" is never split into "Decem" and "ber".
    """
    if ncols == 1:
        return [width]
    sample = rows[: _SAMPLE_ROWS + 1]
    texts = [[nodes.plain_text(row[col]) for row in sample] for col in range(ncols)]
    lengths = [sum(map(len, column)) / len(column) for column in texts]
    first_cap = 0.22 if ncols > 2 else 0.3
    first = min(max(lengths[0] / max(sum(lengths), 1), 0.17), first_cap)
    rest = [max(length, 6.0) ** 0.5 for length in lengths[1:]]
    wanted = [width * share for share in [first] + [(1 - first) * r / sum(rest) for r in rest]]
    floors = [
        min(_longest_word(column, measure) + 2 * CELL_PADDING + 1, width * 0.45) for column in texts
    ]
    return _fit(wanted, floors, width)


def _longest_word(texts: list[str], measure: Callable[[str], float]) -> float:
    words = {word for text in texts for word in text.split()}
    return max(map(measure, words), default=0.0)


def _fit(wanted: list[float], floors: list[float], width: float) -> list[float]:
    """Widths at least their floors, shrinking the others so that they sum to `width`."""
    widths = [max(w, floor) for w, floor in zip(wanted, floors, strict=True)]
    excess = sum(widths) - width
    slack = sum(w - floor for w, floor in zip(widths, floors, strict=True))
    if excess <= 0 or slack < excess:
        return [w * width / sum(widths) for w in widths]
    return [
        floor + (w - floor) * (1 - excess / slack) for w, floor in zip(widths, floors, strict=True)
    ]


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
