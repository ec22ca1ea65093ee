"""The PDF's contents list: each heading of levels 1 and 2, linked to it, with its page.

The list goes before the first heading. A page number is known only once the heading is
placed, so each is a form (a PDF XObject) drawn where the number goes and defined when the
document is saved, from the pages the headings' bookmarks were given: one layout, and the
numbers are the outline's. The "Page X of Y" of the page furniture works the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscent
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from briefwright.doctree import nodes
from briefwright.writers.pdf.context import Context
from briefwright.writers.pdf.paragraph import Paragraph

DEPTH = 2  # heading levels listed
NUMBER_WIDTH = 36.0  # points for the page numbers: "8888" with room to spare
INDENT = 14.0  # points a level-2 entry is indented


@dataclass(frozen=True)
class Entry:
    """One line of the list: a heading and the bookmark it links to."""

    level: int
    text: str
    anchor: str


def anchor(index: int) -> str:
    """The bookmark name of the `index`th top-level heading (from 1)."""
    return f"heading-{index}"


def planned(blocks: tuple[nodes.Block, ...]) -> list[Entry]:
    """The entries of the tree's top-level headings of levels 1 and 2."""
    headings = [block for block in blocks if isinstance(block, nodes.Heading)]
    return [
        Entry(h.level, nodes.plain_text(h.children), anchor(i))
        for i, h in enumerate(headings, 1)
        if h.level <= DEPTH
    ]


def contents_list(
    ctx: Context, entries: list[Entry], title_text: str
) -> tuple[list[Flowable], list[PageNumber]]:
    """The list's title (`title_text`, in the briefing's language) and its table of entries,
    and the page numbers to define at the end."""
    if not entries:
        return [], []
    styles = ctx.styles
    title = Paragraph(ctx.inline.text(title_text), styles.headings[1])
    rows, numbers = [], []
    for entry in entries:
        style = styles.body if entry.level == 1 else _smaller(styles.body)
        link = f'<a href="#{entry.anchor}">{ctx.inline.text(entry.text)}</a>'
        numbers.append(PageNumber(entry.anchor, style))
        rows.append([Paragraph(link, style), numbers[-1]])
    widths = [ctx.width - NUMBER_WIDTH, NUMBER_WIDTH]
    table = Table(rows, colWidths=widths, style=_look(ctx, entries))
    table.spaceAfter = styles.body.spaceAfter * 2
    return [title, table], numbers


class PageNumber(Flowable):
    """Where a heading's page number goes: a form, right-aligned on the entry's first line."""

    def __init__(self, heading: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.heading, self.style = heading, style

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        # where a Paragraph in this style puts its first baseline, so the number sits on the
        # entry's: reportlab's setting decides between the font size and the face's ascent
        size = self.style.fontSize
        drop = size if rl_config.paraFontSizeHeightOffset else getAscent(self.style.fontName, size)
        self.canv.saveState()
        self.canv.translate(self.width, self.height - drop)
        self.canv.doForm(number_form(self.heading))
        self.canv.restoreState()


def number_form(heading: str) -> str:
    return f"contents-page-{heading}"


def draw_numbers(canvas: Canvas, numbers: list[PageNumber], pages: dict[str, int]) -> None:
    """Define each entry's number form, now that every heading has its page (a heading never
    placed has none); the number ends at the form's origin, on its baseline."""
    for number in numbers:
        size = number.style.fontSize
        # the number lies left of the origin: the form's box must hold it, or it is clipped
        reach = int(NUMBER_WIDTH + size)  # whole points either way, more than the number takes
        canvas.beginForm(number_form(number.heading), -reach, -reach, reach, reach)
        canvas.setFont(number.style.fontName, number.style.fontSize)
        canvas.setFillColor(number.style.textColor)
        canvas.drawRightString(0, 0, str(pages.get(number.heading, "")))
        canvas.endForm()


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
